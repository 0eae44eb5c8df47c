# Generates pcap-filter expressions for the parser differential. Usage:
#   parser-fuzz-generate.py SEED COUNT            any primitives from a small grammar, half of them mutated
#                                                 (tokens deleted, inserted, replaced, swapped)
#   parser-fuzz-generate.py SEED COUNT --valid    the same grammar restricted to primitives that compile on
#                                                 EN10MB, so fewer code-generation errors hide parse errors
#   parser-fuzz-generate.py SEED COUNT --tokens   random sequences of 1-7 tokens
# Output is deterministic for a seed (make-parser-differential.sh relies on it).
import random, sys
args = [a for a in sys.argv[1:] if not a.startswith("--")]
mode = next((a[2:] for a in sys.argv[1:] if a.startswith("--")), "any")
if mode not in ("any", "valid", "tokens"): sys.exit("unknown mode --" + mode)
R = random.Random(int(args[0]) if len(args) > 0 else 1)
N = int(args[1]) if len(args) > 1 else 3000

VOCABULARY = {
    "any": dict(
        pnames="ip ip6 tcp udp icmp arp rarp ether link wlan sctp igmp pim vrrp decnet iso isis l1 clnp stp radio carp ah esp atalk".split(),
        dirs=["src","dst","src or dst","dst and src","addr1","ra","ta"],
        aquals=["host","net","port","portrange","proto","protochain","gateway"],
        operands=["1.2.3.4","10.0.0.0/8","10.0.0.0 mask 255.0.0.0","10","80","0x50","010","ftp","a","1::2","::/0","aa:bb:cc:dd:ee:ff","$1","\\ip","1000-2000","10.1","1.2.3.4.5","foo.bar"],
        arith_atoms=["1","0x10","len","ip[0]","tcp[13:1]","ip6[2:2]","(1)","((2))","tcpflags","tcp-syn","icmp-echo","ether[0:4]"],
        others=["broadcast","multicast","ip broadcast","ether multicast","less 10","greater 20","byte 1 = 2","byte 3 & 4","inbound","outbound","ifindex 3","vlan","vlan 10","vlan (10)","mpls 3","pppoed","pppoes 1","geneve","geneve 5","llc","llc i","llc rnr","llc ui","llc foo","type mgt","type data subtype qos","subtype beacon","dir tods","dir 5","type 3","type mgt subtype 0x11","on eth0","rnr 3","reason match","action pass","lane","oam","vpi 1","vci > 3","vpi (1 or 2)","fisu","sio 3","dpc (1 or 2)","hsls != 3","tcp","ip6","esis","iih"]),
    "valid": dict(
        pnames="ip ip6 tcp udp icmp arp ether".split(),
        dirs=["src","dst","src or dst","dst and src"],
        aquals=["host","net"],
        operands=["1.2.3.4","10.0.0.0/8","10.0.0.0 mask 255.0.0.0","10.1.2.3","1::2","::/0"],
        arith_atoms=["1","0x10","len","ip[0]","tcp[13:1]","(1)","((2))","tcpflags","tcp-syn","icmp-echo","ether[0:4]"],
        others=["broadcast","multicast","ether multicast","less 10","greater 20","byte 1 = 2","inbound","vlan","vlan 10","vlan (10)","mpls 3","pppoed","pppoes 1","llc","llc i","llc rnr","tcp","ip6","udp"]),
}
TOKENS = "( ) ( ) and or not ! 1 2 (1) 1.2.3.4 1::2 aa:bb:cc:dd:ee:ff $1 a \\ip host net port src dst or and tcp ip ether = != < > + - * % ^ & | [ ] : mask / len proto gateway vlan llc type subtype dir mgt beacon vpi sio broadcast less byte on reason rnr".split()
MUTATION_TOKENS = ["(",")","and","or","not","1","a","1.2.3.4","host","tcp","=","+","[","]",":","src","dst","mask","/","%","^","-"]
ops = ["+","-","*","/","%","&","|","^","<<",">>"]
relops = [">","<",">=","<=","=","==","!="]

def grammar_expressions(v):
    def arith(d=0):
        r = R.random()
        if d > 2 or r < 0.5: return R.choice(v["arith_atoms"])
        if r < 0.85: return arith(d+1) + " " + R.choice(ops) + " " + arith(d+1)
        if r < 0.93: return "-" + arith(d+1)
        return "(" + arith(d+1) + ")"
    def prim(d=0):
        r = R.random()
        if r < 0.35:
            parts = []
            if R.random() < 0.6: parts.append(R.choice(v["pnames"]))
            if R.random() < 0.5: parts.append(R.choice(v["dirs"]))
            if R.random() < 0.7 or not parts: parts.append(R.choice(v["aquals"]))
            return " ".join(parts) + " " + ident(d)
        if r < 0.55: return arith() + " " + R.choice(relops) + " " + arith()
        if r < 0.85: return R.choice(v["others"])
        return R.choice(v["pnames"])
    def ident(d=0):
        r = R.random()
        if r < 0.8 or d > 2: return R.choice(v["operands"])
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
        if k < 0.3: del toks[i]
        elif k < 0.6: toks.insert(i, R.choice(MUTATION_TOKENS))
        elif k < 0.8: toks[i] = R.choice(MUTATION_TOKENS)
        else:
            j = R.randrange(len(toks)); toks[i], toks[j] = toks[j], toks[i]
        return " ".join(toks)
    while True:
        e = expr()
        if R.random() < 0.5: e = mutate(e)
        if R.random() < 0.2: e = mutate(e)
        yield e

def token_sequences():
    while True:
        yield " ".join(R.choice(TOKENS) for _ in range(R.randint(1, 7)))

seen = set()
for e in (token_sequences() if mode == "tokens" else grammar_expressions(VOCABULARY[mode])):
    if len(seen) >= N: break
    if e in seen or "\t" in e: continue
    seen.add(e)
    print(e)
