# Shared helpers for the generators: noise that real 12315 / news text carries.
import random

TRAD = {'过':'過','滤':'濾','检':'檢','测':'測','质':'質','量':'量','产':'產','品':'品','购':'購','买':'買','卖':'賣',
        '价':'價','格':'格','医':'醫','用':'用','与':'與','厂':'廠','这':'這','们':'們','么':'麼','问':'問','题':'題',
        '发':'發','现':'現','网':'網','货':'貨','标':'標','识':'識','证':'證','护':'護','罩':'罩','疗':'療','诉':'訴',
        '举':'舉','报':'報','处':'處','罚':'罰','责':'責','应':'應','该':'該','后':'後','说':'說','没':'沒','门':'門',
        '监':'監','管':'管','体':'體','温':'溫','计':'計','枪':'槍','颗':'顆','粒':'粒','效':'效','率':'率','严':'嚴',
        '称':'稱','伪':'偽','劣':'劣','冒':'冒','费':'費','东':'東','广':'廣','涨':'漲','抬':'抬','敏':'敏','红':'紅',
        '疹':'疹','脸':'臉','痒':'癢','么':'麼','还':'還','给':'給','让':'讓','时':'時','间':'間','认':'認','书':'書'}

TYPO = [('口罩','口照'),('熔喷布','融喷布'),('过滤','过虑'),('合格','和格'),('额温枪','额温抢'),('防护服','防户服'),
        ('消毒液','消毒夜'),('商家','商加'),('质量','直量'),('投诉','头诉'),('退款','退宽'),('已经','以经'),('再','在')]

def fullwidth(s):
    out = []
    for ch in s:
        if '0' <= ch <= '9' or 'A' <= ch <= 'Z' or 'a' <= ch <= 'z':
            out.append(chr(ord(ch) + 0xFEE0))
        else:
            out.append(ch)
    return ''.join(out)

def traditional(s, share):
    return ''.join(TRAD[c] if c in TRAD and random.random() < share else c for c in s)

def typo(s):
    cands = [(a, b) for a, b in TYPO if a in s]
    if not cands:
        return s
    a, b = random.choice(cands)
    return s.replace(a, b, 1)

def noise(s, rates):
    """rates: (traditional, fullwidth, typo, lowercase)"""
    t, f, ty, lo = rates
    r = random.random()
    if r < t:
        s = traditional(s, 0.85)
    if random.random() < f:
        s = fullwidth(s) if random.random() < 0.5 else ''.join(fullwidth(c) if c.isdigit() else c for c in s)
    if random.random() < ty:
        s = typo(s)
    if random.random() < lo:
        s = s.replace('KN95', 'kn95').replace('N95', 'n95').replace('CE', 'ce')
    return s

def pick(x):
    return random.choice(x)
