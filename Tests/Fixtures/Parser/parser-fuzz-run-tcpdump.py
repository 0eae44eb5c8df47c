# Runs `tcpdump -d -y DLT -- EXPR` for each line of FILE; prints EXPR, DLT, message (OK when compiled).
import subprocess, sys, concurrent.futures
dlt = sys.argv[2] if len(sys.argv) > 2 else "EN10MB"
exprs = [l.rstrip("\n") for l in open(sys.argv[1])]
def run(e):
    p = subprocess.run(["tcpdump", "-d", "-y", dlt, "--", e], capture_output=True, text=True)
    if p.returncode == 0: return e, "OK"
    lines = [l for l in p.stderr.strip().split("\n") if l.startswith("tcpdump: ")]
    m = lines[-1][len("tcpdump: "):] if lines else p.stderr.strip().replace("\n", " | ")
    return e, m
with concurrent.futures.ThreadPoolExecutor(4) as ex:
    for e, m in ex.map(run, exprs):
        print(e + "\t" + dlt + "\t" + m)
