#!/usr/bin/env python3
"""Figures of a running scripts/cluster.sh (3 or more instances): time to the first search event of a stream read
on the instance that started the search vs on another one (p50/p95), and how long a search takes to be completed
by another instance after the one running it is killed (kill -9), and how long a store's fetch task takes to be
answered by another worker after the worker holding it is killed (kill -9; the holder read from the consumer group's
pending entries in Redis, its pid from the worker's name).

    scripts/cluster-figures.py [runs] [--worker-kill]    (CLUSTER_BASE_PORT, REDIS_URL, REDIS_KEY_PREFIX as for
                                                         cluster.sh; --worker-kill needs 4 or more instances)
"""
import http.client, json, os, signal, statistics, subprocess, sys, time, uuid

BASE = int(os.environ.get("CLUSTER_BASE_PORT", "8100"))
PREFIX = os.environ.get("REDIS_KEY_PREFIX", "dlc-cluster")
REDIS = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")
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
    numeric = [a for a in sys.argv[1:] if a.isdigit()]
    runs = int(numeric[0]) if numeric else 30
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
    if "--worker-kill" in sys.argv:
        pids = {i: int(open(os.path.join(STATE, f"instance{i}.pid")).read()) for i in numbers if alive(i)}
        killed_worker = worker_kill(pids)
        victims = [i for i in victims if i != killed_worker and alive(i)]
        if not victims:
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


def redis(*args):
    hostport = REDIS.split("://", 1)[1].split("@")[-1].split("/")[0]
    host, port = hostport.rsplit(":", 1)
    return subprocess.run(["redis-cli", "-h", host, "-p", port, *args], capture_output=True, text=True,
                          check=True).stdout


def results(port, sid):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", f"/search/{sid}/results")
    return json.loads(c.getresponse().read())


def worker_kill(pids):
    """Kills the worker (another instance than the search's) holding the slow store's task; times the answer."""
    for _ in range(600):  # the searches above may still queue at the stores' gates: wait until no task is held
        if redis("XPENDING", f"{PREFIX}:tasks", "workers").split("\n")[0].strip() == "0":
            break
        time.sleep(0.1)
    order = sorted(pids)
    for attempt in range(20):
        origin = order[attempt % len(order)]  # the search's own instance, a different one each try
        sid = post(BASE + origin, f"televisor {uuid.uuid4().hex[:6]}")
        holder = None
        for _ in range(40):
            time.sleep(0.05)
            out = redis("XPENDING", f"{PREFIX}:tasks", "workers", "-", "+", "100").split("\n")
            lines = [l.strip() for l in out if l.strip()]
            # redis-cli (not on a terminal) prints each entry as 4 lines: id, consumer, idle, deliveries
            for i in range(0, len(lines) - 3, 4):
                entry, consumer = lines[i], lines[i + 1]
                body = redis("XRANGE", f"{PREFIX}:tasks", entry, entry)
                if sid in body and "demo-lenta" in body:
                    holder = consumer
            if holder:
                break
        if not holder:
            continue
        pid = int(holder.rsplit("-", 2)[-2])
        if pid not in pids.values() or pid == pids[origin]:
            time.sleep(5)  # held by the search's own instance: let it end, try another search
            continue
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
        while results(BASE + origin, sid).get("status") != "completed" and time.monotonic() - killed < 60:
            time.sleep(0.05)
        took = time.monotonic() - killed
        slow = [v for v in results(BASE + origin, sid)["vendors"] if v["vendor_id"] == "demo-lenta"][0]
        victim = [i for i, p in pids.items() if p == pid][0]
        print(f"worker of instance {victim} killed holding the slow store's task of a search on instance {origin}: "
              f"search completed {took:.1f} s after the kill, the slow store {slow['status']} "
              f"({slow.get('error') or 'answered by another worker'})")
        return victim
    print("no search's slow task was held by another instance than the search's in 20 tries")
    return None


if __name__ == "__main__":
    main()
