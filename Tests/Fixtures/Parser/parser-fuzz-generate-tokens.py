# Random sequences of 1-7 tokens. Usage: parser-fuzz-generate-tokens.py SEED COUNT
import random, sys
R = random.Random(int(sys.argv[1])); N = int(sys.argv[2])
vocab = "( ) ( ) and or not ! 1 2 (1) 1.2.3.4 1::2 aa:bb:cc:dd:ee:ff $1 a \\ip host net port src dst or and tcp ip ether = != < > + - * % ^ & | [ ] : mask / len proto gateway vlan llc type subtype dir mgt beacon vpi sio broadcast less byte on reason rnr".split()
seen=set()
while len(seen)<N:
    k=R.randint(1,7)
    e=" ".join(R.choice(vocab) for _ in range(k))
    if e in seen: continue
    seen.add(e); print(e)
