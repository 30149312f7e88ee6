#!/usr/bin/python3
"""The OVS Python IDL as a concurrent writer for PythonIdlTests (acceptance 4 of the Foundation issue).

usage: idl_writer.py REMOTE SCHEMA COUNT SHARED OTHER OTHER_COUNT TIMEOUT_S

Monitors Logical_Switch. Prints "ready" once it sees the switch named SHARED, then waits for a line on stdin. Then
inserts COUNT switches idl-<i> (external_ids writer=idl, key=idl-<i>), one transaction each; every 10th also adds
the key idl-k<i> to SHARED's external_ids with a map mutation (Row.setkey), never by rewriting the map. Then waits
until its own view holds OTHER_COUNT switches with writer=OTHER and OTHER_COUNT/10 keys OTHER-k* on SHARED, and
prints its view as one JSON line: {"switches": [{"name", "external_ids"}], "shared": {...}, "retries": N}.
"""
import json
import sys
import time

import ovs.db.idl
import ovs.poller

C = ovs.db.idl.Transaction


def block(idl, deadline, what):
    if time.monotonic() > deadline:
        sys.exit("timed out waiting for " + what)
    poller = ovs.poller.Poller()
    idl.wait(poller)
    poller.timer_wait(100)
    poller.block()
    idl.run()


def switch(idl, name):
    return next((r for r in idl.tables["Logical_Switch"].rows.values() if r.name == name), None)


def write(idl, i, shared_name, deadline):
    """One insert (and every 10th a shared-map mutation); a TRY_AGAIN (e.g. a leader change) is retried."""
    retries = 0
    while True:
        txn = C(idl)
        row = txn.insert(idl.tables["Logical_Switch"])
        row.name = "idl-%d" % i
        row.external_ids = {"writer": "idl", "key": "idl-%d" % i}
        if i % 10 == 0:
            switch(idl, shared_name).setkey("external_ids", "idl-k%d" % i, "v")
        status = txn.commit_block()
        if status == C.SUCCESS:
            return retries
        if status != C.TRY_AGAIN or time.monotonic() > deadline:
            sys.exit("transaction %d failed: %s %s" % (i, C.status_to_string(status), txn.get_error()))
        retries += 1
        block(idl, deadline, "a change before retrying")


def done(idl, shared_name, other, other_count):
    rows = [r for r in idl.tables["Logical_Switch"].rows.values() if r.external_ids.get("writer") == other]
    shared = switch(idl, shared_name)
    keys = [k for k in shared.external_ids if k.startswith(other + "-k")] if shared else []
    return len(rows) >= other_count and len(keys) >= other_count // 10


def main():
    remote, schema, count, shared_name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    other, other_count, timeout = sys.argv[5], int(sys.argv[6]), float(sys.argv[7])
    helper = ovs.db.idl.SchemaHelper(location=schema)
    helper.register_table("Logical_Switch")
    idl = ovs.db.idl.Idl(remote, helper)
    deadline = time.monotonic() + timeout
    idl.run()
    while switch(idl, shared_name) is None:
        block(idl, deadline, "the shared switch")
    print("ready", flush=True)
    sys.stdin.readline()
    retries = sum(write(idl, i, shared_name, deadline) for i in range(count))
    while not done(idl, shared_name, other, other_count):
        block(idl, deadline, "the other writer's rows")
    view = {
        "switches": [{"name": r.name, "external_ids": dict(r.external_ids)}
                     for r in idl.tables["Logical_Switch"].rows.values()],
        "shared": dict(switch(idl, shared_name).external_ids),
        "retries": retries,
    }
    print(json.dumps(view), flush=True)
    idl.close()


if __name__ == "__main__":
    main()
