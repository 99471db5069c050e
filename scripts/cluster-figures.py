#!/usr/bin/env python3
"""Figures of a running scripts/cluster.sh (3 or more instances): time to the first search event of a stream read
on the instance that started the search vs on another one (p50/p95), and how long a search takes to be completed
by another instance after the one running it is killed (kill -9).

    scripts/cluster-figures.py [runs]     (CLUSTER_BASE_PORT as for cluster.sh, default 8100)
"""
import http.client, json, os, signal, statistics, sys, time, uuid

BASE = int(os.environ.get("CLUSTER_BASE_PORT", "8100"))
STATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "cluster")


def post(port, query):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", "/search?use_cache=false", json.dumps({"query": query}), {"Content-Type": "application/json"})
    r = c.getresponse()
    body = json.loads(r.read())
    if r.status != 200:
        raise SystemExit(f"POST /search on {port}: {r.status} {body}")
    return body["search_id"]


def stream(port, search_id, until_terminal=False):
    """Seconds to the first search event (id: line), and the names of the events read."""
    start = time.monotonic()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", f"/search/{search_id}/events")
    r = c.getresponse()
    first, names = None, []
    while True:
        line = r.fp.readline()
        if not line:
            break
        line = line.decode().rstrip("\n")
        if line.startswith("id:") and first is None:
            first = time.monotonic() - start
            if not until_terminal:
                break
        if line.startswith("event:"):
            names.append(line[6:].strip())
            if names[-1] in ("completed", "error"):
                break
    c.close()
    return first, names, time.monotonic() - start


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    local, remote = [], []
    for i in range(runs):
        for target, where in ((BASE + 1, local), (BASE + 2, remote)):
            sid = post(BASE + 1, f"figura {uuid.uuid4().hex[:8]}")
            t0 = time.monotonic()
            first, _, _ = stream(target, sid)
            if first is None:
                raise SystemExit(f"the stream of {sid} on {target} ended without an event")
            where.append(first * 1000)
    print(f"time to first event, started on instance 1 ({runs} each, ms): "
          f"read on instance 1 p50 {statistics.median(local):.1f} p95 {pct(local, 95):.1f}; "
          f"read on instance 2 p50 {statistics.median(remote):.1f} p95 {pct(remote, 95):.1f}")

    def alive(i):
        try:
            os.kill(int(open(os.path.join(STATE, f"instance{i}.pid")).read()), 0)
            return True
        except (OSError, ValueError):
            return False
    numbers = [int(f[len("instance"):-len(".pid")]) for f in os.listdir(STATE) if f.startswith("instance") and f.endswith(".pid")]
    victims = [i for i in numbers if i > 2 and alive(i)]
    if not victims:
        print("no instance beyond the second is alive to kill (restart the cluster with 3 or more)")
        return
    victim = max(victims)
    pid = int(open(os.path.join(STATE, f"instance{victim}.pid")).read())
    sid = post(BASE + victim, "televisor muere")
    time.sleep(1.0)
    os.kill(pid, signal.SIGKILL)
    killed = time.monotonic()
    _, names, _ = stream(BASE + 1, sid, until_terminal=True)
    print(f"instance {victim} killed 1 s into a search: completed by another {time.monotonic() - killed:.1f} s after the kill; "
          f"events: {names.count('completed')} completed, last {names[-1] if names else None}")


if __name__ == "__main__":
    main()
