#!/usr/bin/python3
"""OVS Python IDL side of `ovnk bench ovsdb`: single-Logical_Switch_Port insert transactions.

usage: idl_bench.py REMOTE SCHEMA N WINDOW PREFIX SWITCHES
Each transaction inserts one port and adds it to switch PREFIX-sw-(i % SWITCHES) (made beforehand by the bench), as
`ovn-nbctl lsp-add` does: Logical_Switch_Port is not a root table, so an unreferenced port would not be kept.
The IDL monitors Logical_Switch and Logical_Switch_Port (every column) as a controller would. With WINDOW 1 each transaction is
committed with commit_block(); with WINDOW > 1 up to WINDOW transactions are committed without waiting
(Transaction.commit() sends the request and returns INCOMPLETE; the IDL then allows a new Transaction) and
Idl.run() collects the replies. The timing starts after the initial monitor load. Prints one JSON line.
"""
import json
import sys
import time

import ovs.db.idl
import ovs.poller

TIMEOUT_S = 300


def wait_loaded(idl, deadline):
    seqno = idl.change_seqno
    while idl.change_seqno == seqno or not idl.has_ever_connected():
        if time.monotonic() > deadline:
            sys.exit("timed out waiting for the initial monitor load")
        idl.run()
        poller = ovs.poller.Poller()
        idl.wait(poller)
        poller.timer_wait(100)
        poller.block()


def find_switches(idl, prefix, count):
    by_name = {row.name: row for row in idl.tables["Logical_Switch"].rows.values()}
    missing = [k for k in range(count) if "%s-sw-%d" % (prefix, k) not in by_name]
    if missing:
        sys.exit("the IDL does not see switch %s-sw-%d" % (prefix, missing[0]))
    return [by_name["%s-sw-%d" % (prefix, k)] for k in range(count)]


def new_txn(idl, switches, prefix, i):
    txn = ovs.db.idl.Transaction(idl)
    row = txn.insert(idl.tables["Logical_Switch_Port"])
    row.name = "%s-%d" % (prefix, i)
    row.external_ids = {"bench": prefix}
    switches[i % len(switches)].addvalue("ports", row)
    return txn


def run(idl, switches, n, window, prefix, deadline):
    C = ovs.db.idl.Transaction
    in_flight = []
    sent = done = 0
    while done < n:
        if time.monotonic() > deadline:
            sys.exit("timed out after %d of %d transactions" % (done, n))
        while sent < n and len(in_flight) < window:
            txn = new_txn(idl, switches, prefix, sent)
            status = txn.commit()
            if status not in (C.INCOMPLETE, C.SUCCESS):
                sys.exit("commit failed: %s" % C.status_to_string(status))
            in_flight.append(txn)
            sent += 1
        idl.run()
        still = []
        for txn in in_flight:
            status = txn.commit()  # not the active txn any more: just reports the status Idl.run() set
            if status == C.INCOMPLETE:
                still.append(txn)
            elif status == C.SUCCESS:
                done += 1
            else:
                sys.exit("transaction failed: %s %s" % (C.status_to_string(status), txn.get_error()))
        in_flight = still
        if in_flight and done < n:
            poller = ovs.poller.Poller()
            idl.wait(poller)
            poller.timer_wait(1000)
            poller.block()


def main():
    remote, schema_path, prefix = sys.argv[1], sys.argv[2], sys.argv[5]
    n, window, switch_count = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[6])
    helper = ovs.db.idl.SchemaHelper(location=schema_path)
    helper.register_table("Logical_Switch")
    helper.register_table("Logical_Switch_Port")
    idl = ovs.db.idl.Idl(remote, helper)
    deadline = time.monotonic() + TIMEOUT_S
    wait_loaded(idl, deadline)
    switches = find_switches(idl, prefix, switch_count)
    start, cpu = time.monotonic(), time.process_time()
    run(idl, switches, n, window, prefix, deadline)
    seconds, cpu = time.monotonic() - start, time.process_time() - cpu
    print(json.dumps({"n": n, "window": window, "seconds": seconds, "cpu_s": cpu, "txn_per_s": n / seconds}))
    idl.close()


if __name__ == "__main__":
    main()
