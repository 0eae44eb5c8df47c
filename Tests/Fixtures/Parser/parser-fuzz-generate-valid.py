# Like parser-fuzz-generate.py, restricted to primitives that compile on EN10MB.
import random, sys
R = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
N = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
pnames = "ip ip6 tcp udp icmp arp ether".split()
dirs = ["src","dst","src or dst","dst and src"]
aquals = ["host","net"]
operands = ["1.2.3.4","10.0.0.0/8","10.0.0.0 mask 255.0.0.0","10.1.2.3","1::2","::/0"]
arith_atoms = ["1","0x10","len","ip[0]","tcp[13:1]","(1)","((2))","tcpflags","tcp-syn","icmp-echo","ether[0:4]"]
ops = ["+","-","*","/","%","&","|","^","<<",">>"]
relops = [">","<",">=","<=","=","==","!="]
others = ["broadcast","multicast","ether multicast","less 10","greater 20","byte 1 = 2","inbound","vlan","vlan 10","vlan (10)","mpls 3","pppoed","pppoes 1","llc","llc i","llc rnr","tcp","ip6","udp"]
def arith(d=0):
    r = R.random()
    if d > 2 or r < 0.5: return R.choice(arith_atoms)
    if r < 0.85: return arith(d+1) + " " + R.choice(ops) + " " + arith(d+1)
    if r < 0.93: return "-" + arith(d+1)
    return "(" + arith(d+1) + ")"
def prim(d=0):
    r = R.random()
    if r < 0.35:
        parts = []
        if R.random() < 0.6: parts.append(R.choice(pnames))
        if R.random() < 0.5: parts.append(R.choice(dirs))
        if R.random() < 0.7 or not parts: parts.append(R.choice(aquals))
        return " ".join(parts) + " " + ident(d)
    if r < 0.55: return arith() + " " + R.choice(relops) + " " + arith()
    if r < 0.85: return R.choice(others)
    return R.choice(pnames)
def ident(d=0):
    r = R.random()
    if r < 0.8 or d > 2: return R.choice(operands)
    if r < 0.9: return "not " + ident(d+1)
    return "(" + ident(d+1) + " " + R.choice(["and","or"]) + " " + ident(d+1) + ")"
def expr(d=0):
    r = R.random()
    if d > 3 or r < 0.3: return prim(d)
    if r < 0.45: return "not " + expr(d+1)
    if r < 0.55: return "(" + expr(d+1) + ")"
    if r < 0.7: return expr(d+1) + " " + R.choice(["and","or","&&","||"]) + " " + ident(d)
    return expr(d+1) + " " + R.choice(["and","or","&&","||"]) + " " + expr(d+1)
def mutate(s):
    toks = s.replace("(", " ( ").replace(")", " ) ").split()
    if not toks: return s
    k = R.random()
    i = R.randrange(len(toks))
    vocab = ["(",")","and","or","not","1","a","1.2.3.4","host","tcp","=","+","[","]",":","src","dst","mask","/","%","^","-"]
    if k < 0.3: del toks[i]
    elif k < 0.6: toks.insert(i, R.choice(vocab))
    elif k < 0.8: toks[i] = R.choice(vocab)
    else:
        j = R.randrange(len(toks)); toks[i], toks[j] = toks[j], toks[i]
    return " ".join(toks)
seen = set()
while len(seen) < N:
    e = expr()
    if R.random() < 0.5: e = mutate(e)
    if R.random() < 0.2: e = mutate(e)
    if e in seen or "\t" in e: continue
    seen.add(e)
    print(e)
