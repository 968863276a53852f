#!/usr/bin/env python3
"""Builds training.csv (bank_train) and evaluation.csv (bank_eval) deterministically.

python3 generate.py <training.csv> <evaluation.csv>
"""
import csv, random, sys, importlib
from common import noise, pick

COMPAT = [  # phrase keywords -> allowed product categories
    (('测温', '体温', '测出来的体温'), {'THERMO-ELEC', 'THERMO-EAR', 'THERMO-FORE'}),
    (('有效氯', '消毒效果'), {'DISINFECT'}),
    (('合成血液', '阻燃'), {'CLOTH-PROT', 'GOWN-ISO'}),
    (('过滤', '漏气', '吸气阻力', '通气阻力', '口红印'), {'MASK-MEDPROT', 'MASK-SURG', 'MASK-MEDSU', 'RESP-PART', 'MASK-DAILY', 'MASK-CHILD', 'FAB-MELTBLOWN', ''}),
    (('脸上', '戴', '旧口罩', '废旧口罩', '口罩'), {'MASK-MEDPROT', 'MASK-SURG', 'MASK-MEDSU', 'RESP-PART', 'MASK-DAILY', 'MASK-CHILD', ''}),
    (('手上', '手接触'), {'DISINFECT', 'GLOVES-MED'}),
    (('环氧乙烷',), {'MASK-MEDPROT', 'MASK-SURG', 'MASK-MEDSU', 'CLOTH-PROT', 'GOWN-ISO', 'MASK-CHILD'}),
]

def compatible(phrase, code):
    for keys, allowed in COMPAT:
        if any(k in phrase for k in keys):
            return code in allowed
    return True

SECOND = {  # short add-on clauses for records with more than one problem (label = first problem)
    'Labelling': ['而且包装上也没有生产日期', '另外没有中文标签'],
    'Price': ['价格也比别家贵不少', '还卖得特别贵'],
    'Injury': ['戴着还有点痒', '家里老人用了也不太舒服'],
    'Counterfeit': ['怀疑也是假货', '合格证看着也像假的'],
    'Substandard': ['估计过滤效果也不行', '质量也很差'],
}

def enterprises(pool):
    return [f'{r}{n}{i}{s}' for r in pool['regions'] for n in pool['names'] for i in pool['industries'] for s in pool['suffixes']]

ENT_TRAIN = dict(regions=['东莞市', '保定市', '仙桃市', '深圳市', '河北', '温州市'], names=['康洁', '安护', '恒达', '华卫', '佳禾', '瑞康', '某某'],
                 industries=['医疗用品', '防护用品', '无纺布制品', '卫生材料', '日用品'], suffixes=['有限公司', '厂', '有限责任公司'])
ENT_EVAL = dict(regions=['郑州市', '义乌市', '长垣县', '广州市', '天门市', '苏州市'], names=['博瑞', '中科安', '鑫泰', '宏远', '乐康', 'XX'],
                industries=['医疗器械', '劳保用品', '非织造布', '生物科技', '卫材'], suffixes=['有限公司', '股份有限公司', '厂', '经营部'])
PLACES_TRAIN = ['东莞', '保定', '仙桃', '深圳', '温州', '杭州', '武汉', '南昌']
PLACES_EVAL = ['郑州', '义乌', '长垣', '广州', '天门', '苏州', '成都', '西安']
SHOPS_TRAIN = ['淘宝', '拼多多', '京东', '小区门口的药店', '朋友圈微商', '抖音直播间']
SHOPS_EVAL = ['某宝', '拼夕夕', '快手直播', '街边超市', '微信群', '美团买药', '一家连锁药房']
DATES_TRAIN = ['2020年2月3日', '2月10日', '昨天', '上周', '2020-03-15', '今年1月']
DATES_EVAL = ['2020.2.14', '前天', '3月初', '2021年1月', '上个月', '大年初三']

def batch():
    return pick([f'2020{random.randint(1,12):02d}{random.randint(1,28):02d}{pick("ABC")}', f'{random.randint(20,21)}{random.randint(1,12):02d}-{random.randint(1,30):02d}',
                 f'LOT {random.randint(2019,2021)}{pick("ABCD")}{random.randint(10,99)}'])

def build(bank, n_per_problem, seed, prefix, ents, places, shops, dates):
    random.seed(seed)
    rows = []
    ent_list = enterprises(ents)
    problems = list(bank.PROBLEMS)
    sources = list(bank.FRAMES)
    i = 0
    for problem in problems:
        for k in range(n_per_problem):
            source = sources[(k + problems.index(problem)) % len(sources)]
            for _ in range(50):
                code = pick(list(bank.PRODUCTS))
                official = problem == 'Other' and source in ('inspection', 'case')
                phrase = pick(bank.OTHER_OFFICIAL if official else bank.PROBLEMS[problem])
                if compatible(phrase, code):
                    break
            product = pick(bank.PRODUCTS[code])
            prob = phrase.format(p=product, n=pick([30, 45, 60, 68, 80, 120, 200]), place=pick(places), num=random.randint(5, 80))
            if problem != 'Other' and random.random() < 0.15:
                other = pick([p for p in SECOND if p != problem])
                prob += '，' + pick(SECOND[other])
            frame = pick(bank.FRAMES[source])
            text = frame.format(p=product, prob=prob, shop=pick(shops), date=pick(dates), ent=pick(ent_list), place=pick(places),
                                num=random.randint(2, 500), n=pick([15, 28, 50, 99, 3000, 12000]), batch=batch(),
                                order=random.randint(10**11, 10**12))
            category = code if product in text else ''
            text = noise(text, bank.RATES)
            i += 1
            rows.append((f'{prefix}{i:04d}', source, text, category, problem))
    random.shuffle(rows)
    return rows

def write(path, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'source', 'text', 'product_category', 'problem_type'])
        w.writerows(rows)

if __name__ == '__main__':
    train = build(importlib.import_module('bank_train'), 112, 2020, 'T', ENT_TRAIN, PLACES_TRAIN, SHOPS_TRAIN, DATES_TRAIN)
    evaluation = build(importlib.import_module('bank_eval'), 70, 2021, 'E', ENT_EVAL, PLACES_EVAL, SHOPS_EVAL, DATES_EVAL)
    write(sys.argv[1], train)
    write(sys.argv[2], evaluation)
    print(len(train), len(evaluation))
