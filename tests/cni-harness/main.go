// cni-harness drives CNI plugins through Debian's libcni (golang-github-appc-cni-dev 1.1.2), the library every Go
// container runtime uses, so our plugin is tested against libcni's own rules: version negotiation, result parsing
// and caching, prevResult passing, reverse-order DEL, CHECK refused below 0.4.0.
//
// Build: GO111MODULE=off GOPATH=/usr/share/gocode go build -o cni-harness .
//
// Usage: cni-harness <op> <conflist> <cni-path> <cache-dir> [<container-id> <netns> <ifname>]
//
//	op: version (VERSION of the first plugin), validate, add, check, del
//
// Environment: HARNESS_POD_NAME sets K8S_POD_NAME (default "harness").
//
// Output: add prints the final result JSON; any failure prints the plugin's CNI error JSON
// {"code":N,"msg":...} on stdout and exits 1, so callers can assert the code libcni saw.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/containernetworking/cni/libcni"
	"github.com/containernetworking/cni/pkg/types"
)

func main() {
	if len(os.Args) < 5 {
		fail(fmt.Errorf("usage: cni-harness <version|validate|add|check|del> <conflist> <cni-path> <cache-dir> [<container-id> <netns> <ifname>]"))
	}
	op, confFile, cniPath, cacheDir := os.Args[1], os.Args[2], os.Args[3], os.Args[4]
	list, err := libcni.ConfListFromFile(confFile)
	if err != nil {
		fail(err)
	}
	cni := libcni.NewCNIConfigWithCacheDir(filepath.SplitList(cniPath), cacheDir, nil)
	// Every call is bounded; libcni passes the context to the plugin exec.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	switch op {
	case "version":
		info, err := cni.GetVersionInfo(ctx, list.Plugins[0].Network.Type)
		if err != nil {
			fail(err)
		}
		out(map[string]interface{}{"supportedVersions": info.SupportedVersions()})
	case "validate":
		caps, err := cni.ValidateNetworkList(ctx, list)
		if err != nil {
			fail(err)
		}
		out(map[string]interface{}{"capabilities": caps})
	case "add", "check", "del":
		if len(os.Args) < 8 {
			fail(fmt.Errorf("%s needs <container-id> <netns> <ifname>", op))
		}
		rt := &libcni.RuntimeConf{
			ContainerID: os.Args[5],
			NetNS:       os.Args[6],
			IfName:      os.Args[7],
			Args:        [][2]string{{"IgnoreUnknown", "1"}, {"K8S_POD_NAMESPACE", "default"}, {"K8S_POD_NAME", podName()}},
		}
		attachment(ctx, cni, op, list, rt)
	default:
		fail(fmt.Errorf("unknown op %q", op))
	}
}

// podName is "harness" unless HARNESS_POD_NAME names the (pre-annotated) pod the real node agent waits for.
func podName() string {
	if name := os.Getenv("HARNESS_POD_NAME"); name != "" {
		return name
	}
	return "harness"
}

func attachment(ctx context.Context, cni *libcni.CNIConfig, op string, list *libcni.NetworkConfigList, rt *libcni.RuntimeConf) {
	switch op {
	case "add":
		result, err := cni.AddNetworkList(ctx, list, rt)
		if err != nil {
			fail(err)
		}
		if err := result.Print(); err != nil {
			fail(err)
		}
	case "check":
		if err := cni.CheckNetworkList(ctx, list, rt); err != nil {
			fail(err)
		}
	case "del":
		if err := cni.DelNetworkList(ctx, list, rt); err != nil {
			fail(err)
		}
	}
}

func out(v interface{}) {
	b, _ := json.Marshal(v)
	fmt.Println(string(b))
}

// fail prints libcni's view of the error: a plugin's *types.Error keeps its code; anything else is code 0.
func fail(err error) {
	var cniErr *types.Error
	if errors.As(err, &cniErr) {
		out(map[string]interface{}{"code": cniErr.Code, "msg": cniErr.Msg, "details": cniErr.Details})
	} else {
		out(map[string]interface{}{"code": 0, "msg": strings.TrimSpace(err.Error())})
	}
	os.Exit(1)
}
