"""Reprints across a corpus: `cleaner dedup` and cleaner.corpus on invented newspaper articles."""
from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

np = pytest.importorskip("numpy")

from cleaner.cli import cli  # noqa: E402
from cleaner.corpus import Params, Thresholds, dedup_records, find_duplicates, normalize  # noqa: E402
from cleaner.corpus import cluster as cluster_mod  # noqa: E402
from cleaner.corpus import engine as engine_mod  # noqa: E402
from cleaner.corpus.cluster import containment, score_pair, window_match  # noqa: E402
from cleaner.corpus.minhash import MinHasher, band_keys, candidate_pairs, shingle_hashes  # noqa: E402

STORY = (
    "3月2日，运城市盐湖区在夹马口灌区启动春灌首轮放水，比往年提前约一周，为全区12.6万亩冬小麦返青拔节提供水源保障。\n"
    "“今年冬季降水偏少，土壤墒情不如往年，早放水一天，麦苗就多一分底气。”灌区管理站站长蔺建军告诉记者，"
    "为保证水流顺畅，站里提前组织人员对42公里干渠进行清淤，更换闸门启闭设备17台套，并在田间地头设立6个服务点，帮助农户错峰浇地。\n"
    "据了解，本轮春灌预计持续25天左右，计划供水1800万立方米。当地农业农村部门同步派出技术人员，指导农户做好追肥和病虫害监测，力争夏粮稳产增产。"
)
OTHER = (
    "记者从市文旅局获悉，今年春节假期全市共接待游客186万人次，实现旅游收入9.3亿元，同比分别增长21%和26%。\n"
    "古城景区推出的非遗展演、灯会夜游等活动吸引了大量外地游客，城区主要酒店入住率超过八成。"
    "文旅部门提醒，节后错峰出游的游客可关注景区预约信息，合理安排行程。"
)
LOOKALIKE = {"已": "己", "日": "曰", "人": "入", "土": "士", "未": "末", "天": "夭", "大": "太", "干": "千"}


def ocr_noise(text: str, rate: float, seed: int) -> str:
    """Substitute look-alikes, drop and double about ``rate`` of the characters."""
    rng = random.Random(seed)
    out = []
    for ch in text:
        r = rng.random()
        if ch == "\n" or r >= rate:
            out.append(ch)
        elif r < rate * 0.6:
            out.append(LOOKALIKE.get(ch, "的"))
        elif r < rate * 0.8:
            continue
        else:
            out.append(ch + ch)
    return "".join(out)


def rec(id_: str, title: str, text: str, dateline: str | None = None) -> dict:
    body = (dateline or "") + text
    return {"id": id_, "type": "article", "title": title, "dateline": dateline,
            "paragraphs": body.split("\n"), "text": body, "source": {"path": "p.txt", "lines": [1, 9]}}


def test_normalize_drops_layout_and_punctuation_and_folds_width():
    assert normalize("２０２４年，“春耕”\n　开始！ABC") == "2024年春耕开始abc"


def test_shingle_hashes_are_per_ngram_and_position_free():
    h = shingle_hashes(normalize("春灌首轮放水春灌首轮"), 4)
    assert len(h) == len("春灌首轮放水春灌首轮") - 3
    assert h[0] == h[6] and len(set(h.tolist())) == 6


def test_minhash_estimates_jaccard_of_char_ngrams():
    a, b = normalize(STORY), normalize(STORY[: len(STORY) // 2] + OTHER)
    sa = {a[i:i + 5] for i in range(len(a) - 4)}
    sb = {b[i:i + 5] for i in range(len(b) - 4)}
    exact = len(sa & sb) / len(sa | sb)
    sig = MinHasher(512, 5, seed=3).signatures([a, b])
    estimate = float((sig[0] == sig[1]).mean())
    assert 0.15 < exact < 0.6
    assert abs(estimate - exact) < 0.07
    # deterministic: another hasher with the same seed gives the same signatures
    assert (MinHasher(512, 5, seed=3).signatures([a, b]) == sig).all()


def test_empty_texts_are_never_candidates():
    sig = MinHasher(12, 5).signatures(["", "", normalize(STORY)])
    assert len(candidate_pairs(band_keys(sig, 4, 3))) == 0


def test_containment_finds_a_noisy_cut_copy_and_rejects_a_same_topic_story():
    full = normalize(STORY)
    cut = normalize(ocr_noise(STORY[: int(len(STORY) * 0.55)], 0.04, seed=1))
    assert containment(cut, full, 5) > 0.85
    assert containment(normalize(OTHER), full, 5) < 0.5
    sim, cont = score_pair(cut, full, Thresholds())
    assert sim < 0.75 < cont  # only containment catches a copy cut to half


def test_a_copy_that_dropped_the_middle_of_the_story_is_found():
    story = STORY + "\n" + OTHER
    cut = story[: int(len(story) * 0.35)] + story[int(len(story) * 0.7):]
    full, copy = normalize(story), normalize(ocr_noise(cut, 0.02, seed=8))
    assert len(copy) >= 200  # scored in pieces, each in its own window
    assert containment(copy, full, 5) > 0.85
    # one window over the whole copy would miss it
    assert window_match(copy, full, shingle_hashes(full, 5), 5) / len(copy) < 0.75
    assert containment(normalize(OTHER[::-1] + STORY[::-1]), full, 5) < 0.5
    out, _ = dedup_records([rec("a", "t", story), rec("b", "t2", ocr_noise(cut, 0.02, seed=8))])
    assert out[1]["duplicate_of"] == "a"


def test_a_reprint_that_reordered_its_paragraphs_is_found(monkeypatch):
    # two stories' five paragraphs in another order, with OCR noise: neither the whole text nor
    # its fixed 100-character pieces line up; the paragraphs, each in its own window, do
    story = STORY + "\n" + OTHER
    paras = story.split("\n")
    moved = ocr_noise("\n".join(paras[i] for i in (4, 2, 0, 3, 1)), 0.02, seed=4)
    full, copy = normalize(story), normalize(moved)
    sim, _ = score_pair(copy, full, Thresholds())
    assert sim < 0.75
    assert containment(copy, full, 5) > 0.9
    out, _ = dedup_records([rec("a", "春灌", story), rec("o", "旅游", OTHER[::-1]), rec("b", "春灌", moved)])
    assert [r["duplicate_of"] for r in out] == [None, None, "a"]
    # without splitting pieces the copy is missed
    monkeypatch.setattr(cluster_mod, "SPLIT_FLOOR", 2.0)
    assert containment(copy, full, 5) < 0.75


def test_splitting_pieces_lets_no_different_story_through(monkeypatch):
    # most of a story followed by another story: in the band where pieces are split, and the
    # other story's part, matched on its own, finds nothing
    mixed = normalize(ocr_noise(STORY[: int(len(STORY) * 0.6)] + "\n" + OTHER, 0.02, seed=1))
    full = normalize(STORY + "\n" + SHORT_NOTICES[0])
    split, floor = containment(mixed, full, 5), cluster_mod.SPLIT_FLOOR
    monkeypatch.setattr(cluster_mod, "SPLIT_FLOOR", 2.0)
    whole = containment(mixed, full, 5)
    assert floor <= whole < 0.75 and split < 0.75


def test_reprints_cluster_with_their_original_and_new_headlines_do_not_matter():
    records = [
        rec("a1", "春灌提前一周 保障小麦返青", STORY, "本报讯（记者 贺志远）"),
        rec("a2", "古城迎客忙", OTHER, "本报讯"),
        rec("a3", "盐湖区春灌首轮放水", ocr_noise(STORY, 0.03, seed=2), "新华社运城3月3日电"),
        rec("a4", "夹马口灌区开闸", ocr_noise(STORY[: int(len(STORY) * 0.6)], 0.02, seed=3)),
        # a column break read twice and a jump line
        rec("a5", "春灌", STORY[:120] + "\n（下转第3版）\n" + STORY[112:], None),
    ]
    out, result = dedup_records(records)
    by = {r["id"]: r for r in out}
    assert {by[i]["cluster_id"] for i in ("a1", "a3", "a4", "a5")} == {by["a1"]["cluster_id"]}
    assert by["a2"]["cluster_id"] != by["a1"]["cluster_id"] and by["a2"]["duplicate_of"] is None
    assert by["a1"]["duplicate_of"] is None
    assert by["a3"]["duplicate_of"] == "a1" and by["a3"]["similarity"] > 0.9
    assert by["a4"]["containment"] > 0.85 > by["a4"]["similarity"]
    kept, _ = dedup_records(records, keep="longest")
    assert [r["id"] for r in kept] == ["a5", "a2"] or [r["id"] for r in kept] == ["a2", "a5"]


SHORT_NOTICES = [
    "市应急管理局近日召开安全生产专题会议，部署节前隐患排查工作。",
    "市应急管理局组织开展危化品企业安全检查，发现隐患12处，已督促整改。",
    "区人社局举办春风行动专场招聘会，86家企业提供岗位1500余个。",
    "区人社局开展根治欠薪专项行动，为农民工追回工资43万元。",
    "县教育局召开新学期校园安全工作会议，要求落实食堂陪餐制度。",
    "县教育局启动乡村教师培训计划，首批120名教师赴省城研修。",
    "市卫健委发布春季传染病防控提示，提醒市民勤洗手、常通风。",
    "市卫健委组织专家下乡义诊，为村民免费测血压、量血糖。",
    "市场监管局抽检节日食品320批次，合格率99.4%。",
    "市场监管局约谈三家预付卡商户，督促退还消费者余额。",
    "市气象局预计本周末有一次降温过程，最低气温零下6摄氏度。",
    "市气象局提醒农户注意防范倒春寒，做好大棚保温措施。",
    "市住建局召开老旧小区改造推进会，今年计划改造小区58个。",
    "市住建局开展燃气管道安全排查，更换老化管线3.2公里。",
    "区民政局走访慰问困难老人，送去米面油和慰问金。",
    "区民政局启动社区养老服务站建设，年内建成15个站点。",
    "市交通运输局开通两条城乡公交线路，方便沿线村民出行。",
    "市交通运输局对农村公路开展汛前检查，整治路段9处。",
    "市总工会举办职工技能大赛，320名选手同台竞技。",
    "市总工会为环卫工人送去清凉饮品和防暑药品。",
    "团市委组织青年志愿者清理河道垃圾，共清运4吨。",
    "团市委举办青年创业分享会，12位创业者讲述经历。",
    "市妇联开展家庭教育讲座，200多名家长参加。",
    "市妇联为留守儿童送去书包和学习用品。",
    "市生态环境局通报一季度空气质量，优良天数同比增加9天。",
    "市生态环境局对两家排污企业立案查处，罚款共计36万元。",
    "市文旅局推出十条春季踏青线路，涵盖古村落和湿地公园。",
    "市文旅局举办非遗进校园活动，剪纸艺人现场教学。",
    "县供销社组织化肥进村，保障春耕农资供应。",
    "县供销社开设农产品直销窗口，帮助农户销售小米核桃。",
]


def test_unrelated_short_articles_on_similar_topics_never_cluster():
    # the same reporter's dateline on every notice, many shared words (召开, 会议, 开展, 组织)
    dl = "本报讯（记者 王建国 通讯员 李秀英）"
    records = [rec(f"n{i}", "简讯", t, dl) for i, t in enumerate(SHORT_NOTICES)]
    # ... and the same notices without the dateline field set, so the formula stays in the text
    records += [rec(f"m{i}", "简讯", dl + t) for i, t in enumerate(SHORT_NOTICES)]
    out, _ = dedup_records(records)
    clusters = {}
    for r in out:
        clusters.setdefault(r["cluster_id"], set()).add(r["id"][1:])
    # only a notice and its own copy may share a cluster
    assert all(len(members) == 1 for members in clusters.values()), clusters
    # a whole copy of a short notice with one OCR slip is still found
    noisy = SHORT_NOTICES[4].replace("食堂", "食常")
    out, _ = dedup_records(records[:30] + [rec("x", "简讯", noisy, dl)])
    assert out[-1]["duplicate_of"] == "n4"


BOILERPLATE = (
    "本报所有原创稿件均受著作权法保护，未经书面授权，任何单位和个人不得转载、摘编或以其他方式使用。"
    "已经授权使用的，应在授权范围内使用，并注明来源。违反上述声明者，本报将依法追究其法律责任。"
)


def test_a_boilerplate_paragraph_under_every_story_does_not_chain_them():
    # the notice under every story, and records that are little else (a photo with its credit),
    # are found in every story: each may join one of them, never make one cluster of them all
    stories = ["".join(SHORT_NOTICES[i : i + 3]) for i in range(0, len(SHORT_NOTICES) - 2, 3)]
    records = [rec(f"n{i}", "简讯", t + "\n" + BOILERPLATE) for i, t in enumerate(stories)]
    records += [rec(f"b{i}", "图片", f"图为{place}街景。\n" + BOILERPLATE) for i, place in enumerate(["东关", "南街", "西城"])]
    records.append(rec("c4", "简讯", ocr_noise(stories[4], 0.02, 1) + "\n" + BOILERPLATE))  # a true copy
    out, _ = dedup_records(records)
    clusters: dict[int, set[str]] = {}
    for r in out:
        clusters.setdefault(r["cluster_id"], set()).add(r["id"])
    notices = [{x for x in members if x[0] == "n"} for members in clusters.values()]
    assert all(len(n) <= 1 for n in notices) and len(stories) >= 5, clusters
    assert {"n4", "c4"} <= next(m for m in clusters.values() if "c4" in m)


def test_briefs_from_one_template_with_other_figures_are_different_news():
    template = "连日来，{place}抢抓农时，组织农机{a}台套深入田间地头开展春耕作业，目前已完成春播面积{b}万亩，占计划的{c}%。"
    briefs = [
        template.format(place="左权县", a=19, b=199, c=89),
        template.format(place="兴县", a=581, b=4419, c=81),
        template.format(place="平遥县", a=472, b=896, c=65),
        template.format(place="沁水县", a=412, b=4975, c=62),
    ]
    records = [rec(f"b{i}", "简讯", t) for i, t in enumerate(briefs)]
    # a reprint of the third with an OCR slip in a word and in a figure is still its copy
    records.append(rec("copy", "春耕简讯", briefs[2].replace("田间", "田问").replace("896", "898")))
    out, _ = dedup_records(records)
    assert [r["duplicate_of"] for r in out] == [None, None, None, None, "b2"]
    assert len({r["cluster_id"] for r in out}) == 4


def test_a_traditional_reprint_of_a_simplified_story_is_its_copy():
    import opencc

    traditional = opencc.OpenCC("s2hk").convert(STORY)
    assert traditional != STORY
    out, _ = dedup_records([rec("s", "春灌", STORY), rec("t", "春灌", traditional), rec("o", "旅游", OTHER)])
    assert [r["duplicate_of"] for r in out] == [None, "s", None]


def test_thresholds_are_honoured():
    records = [rec("a", "t", STORY), rec("b", "t", ocr_noise(STORY[: int(len(STORY) * 0.6)], 0.02, seed=5))]
    out, _ = dedup_records(records)
    assert out[1]["duplicate_of"] == "a"
    out, _ = dedup_records(records, thresholds=Thresholds(containment=0.99))
    assert out[1]["duplicate_of"] is None


def _corpus(n: int, seed: int = 4) -> list[str]:
    """Invented articles from STORY/OTHER sentences shuffled with numbers, some reprinted."""
    rng = random.Random(seed)
    sentences = [s for s in normalize(STORY + OTHER).split("。") if s] + list(SHORT_NOTICES)
    texts = []
    for i in range(n):
        if texts and rng.random() < 0.3:
            src = rng.choice(texts)
            texts.append(normalize(ocr_noise(src[: int(len(src) * rng.uniform(0.6, 1.0))], 0.03, seed=i)))
        else:
            texts.append(normalize("".join(rng.sample(sentences, 4)) + str(rng.randint(10**6, 10**7))))
    return texts


def test_parallel_local_engine_equals_one_process(monkeypatch):
    texts = _corpus(120)
    one = find_duplicates(texts, workers=1)
    monkeypatch.setattr(engine_mod, "CHUNK", 10)
    two = find_duplicates(texts, workers=2)
    assert one.clusters.cluster == two.clusters.cluster
    assert sum(len(g) > 1 for g in one.clusters.groups()) > 5


def _sigterm_handler_name(_: int) -> str:
    import signal

    return getattr(signal.getsignal(signal.SIGTERM), "__name__", str(signal.getsignal(signal.SIGTERM)))


def test_pool_workers_do_not_inherit_the_clis_stop_handler():
    # the CLI turns SIGTERM into KeyboardInterrupt; a pool's shutdown sends its workers SIGTERM,
    # and a worker that inherited the handler printed a traceback at the end of `cleaner dedup`
    import signal

    def handler(signum, frame):
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, handler)
    try:
        with engine_mod._pool(2) as pool:
            names = pool.map(_sigterm_handler_name, range(4))
    finally:
        signal.signal(signal.SIGTERM, old)
    assert names == [str(signal.SIG_DFL)] * 4


def test_dask_engine_gives_the_same_clusters_as_the_local_engine():
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    texts = _corpus(150)
    local = find_duplicates(texts, Params(), workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        remote = find_duplicates(texts, Params(), engine="dask", scheduler=cluster.scheduler_address,
                                 npartitions=4)
    assert remote.candidates == local.candidates
    assert remote.clusters.cluster == local.clusters.cluster
    assert remote.clusters.rep == local.clusters.rep
    assert sum(len(g) > 1 for g in local.clusters.groups()) > 5
    # without a scheduler address or client: Dask's local process pool, same clusters
    pooled = find_duplicates(texts, Params(), engine="dask", npartitions=3)
    assert pooled.clusters.cluster == local.clusters.cluster


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_cli_dedup_annotates_keeps_and_reports(tmp_path):
    records = [rec("a1", "春灌", STORY, "本报讯（记者 贺志远）"), rec("a2", "古城", OTHER),
               rec("a3", "放水", ocr_noise(STORY, 0.03, seed=9))]
    p = tmp_path / "a.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    r = run("dedup", str(p), "--report")
    assert r.exit_code == 0, r.output
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["duplicate_of"] for o in out] == [None, None, "a1"]
    assert out[0]["cluster_id"] == out[2]["cluster_id"] != out[1]["cluster_id"]
    assert "clusters: 2 (1 with reprints)" in r.stderr
    r = run("dedup", str(p), "--keep", "first")
    assert [json.loads(line)["id"] for line in r.stdout.splitlines()] == ["a1", "a2"]


def test_cli_dedup_cleans_raw_pages_and_keys_records_by_page(tmp_path):
    page = "春灌提前一周\n\n　　本报讯（记者 贺志远）" + STORY.replace("\n", "\n　　") + "\n"
    (tmp_path / "p1.txt").write_text(page, encoding="utf-8")
    (tmp_path / "p2.txt").write_text(page.replace("春灌提前一周", "小麦返青有保障"), encoding="utf-8")
    r = run("dedup", str(tmp_path / "p1.txt"), str(tmp_path / "p2.txt"))
    assert r.exit_code == 0, r.output
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(out) == 2 and out[1]["duplicate_of"] == out[0]["key"] and out[0]["key"].endswith("p1.txt#p1-r1")


def test_cli_dedup_rejects_a_broken_jsonl_line(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text('{"id": "a", "text": "春灌"}\nnot json\n', encoding="utf-8")
    r = run("dedup", str(p))
    assert r.exit_code == 2 and "a.jsonl:2: malformed JSONL line: Expecting value (column 1)" in r.stderr and r.stdout == ""


def test_reprints_of_the_real_sample_page_find_their_originals(sample_text):
    import cleaner

    originals = [a.to_dict() for a in cleaner.clean(sample_text).articles if len(a.text) > 100]
    assert len(originals) >= 8
    copies = []
    for n, a in enumerate(originals):
        cut = a["text"][: int(len(a["text"]) * (0.55 + 0.04 * (n % 10)))]
        copies.append(rec(f"copy-{a['id']}", "新标题", ocr_noise(cut, 0.01 + 0.004 * (n % 10), seed=n)))
    out, _ = dedup_records(originals + copies)
    by = {r["id"]: r for r in out}
    for a in originals:
        assert by[a["id"]]["duplicate_of"] is None  # no two real articles merge
        assert by[f"copy-{a['id']}"]["duplicate_of"] == a["id"]
    assert len({r["cluster_id"] for r in out}) == len(originals)


WEATHER = ("本报讯 据省气象台3月{d}日17时发布的预报，{e}日白天，全省多云，夜间多云。偏北风3到4级。"
           "太原：多云，1℃到{t1}℃；大同：多云，{t2}℃到14℃；朔州：多云，4℃到12℃；临汾：多云，-3℃到{t3}℃。"
           "省气象台提醒，近期昼夜温差较大，请公众注意适时增减衣物，谨防感冒。")


def test_clusters_do_not_depend_on_which_of_two_records_of_one_length_comes_first():
    # two daily reports of one length: every score and the figures rule took the first as "the
    # shorter", so the two input orders gave one cluster and two
    a = rec("a", "天气", WEATHER.format(d=3, e=4, t1=14, t2=4, t3=8))
    b = rec("b", "天气", WEATHER.format(d=5, e=6, t1=12, t2=5, t3=9))
    assert len(normalize(a["text"])) == len(normalize(b["text"]))
    ab, _ = dedup_records([a, b])
    ba, _ = dedup_records([b, a])
    same = {(r["id"], s["id"]) for r in ab for s in ab if r["cluster_id"] == s["cluster_id"]}
    assert same == {(r["id"], s["id"]) for r in ba for s in ba if r["cluster_id"] == s["cluster_id"]}


def test_json_lines_may_hold_raw_line_separators_in_strings(tmp_path):
    # cleaner's own JSONL output writes U+2028 raw (JSON allows it); splitlines cut the line there
    p = tmp_path / "c.jsonl"
    recs = [rec("a", "春灌", STORY + "\u2028"), rec("b", "春灌", STORY + "\u2028")]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    r = run("dedup", str(p))
    assert r.exit_code == 0, r.output
    assert [json.loads(x)["duplicate_of"] for x in r.stdout.split("\n") if x] == [None, "a"]


def test_daily_reports_from_one_template_stay_apart_and_a_reprint_still_joins():
    # a week of weather reports: 85-90 % alike as texts, the temperatures are the news; the figures
    # rule counted each small number once, and reports over 200 characters were not checked at all
    rnd = random.Random(5)
    cities = "太原 大同 朔州 忻州 吕梁 晋中 阳泉 长治 晋城 临汾 运城".split()
    days = []
    for d in range(3, 10):
        temps = "；".join(f"{c}：多云，{rnd.randint(-4, 6)}℃到{rnd.randint(8, 19)}℃" for c in cities)
        days.append(f"本报讯 据省气象台3月{d}日17时发布的预报，{d + 1}日白天，全省多云，夜间多云。偏北风3到4级。{temps}。"
                    "省气象台提醒，近期昼夜温差较大，请公众注意适时增减衣物，谨防感冒。")
    recs = [rec(f"d{i}", "天气预报", t) for i, t in enumerate(days)]
    recs.append(rec("copy", "天气", days[2].replace("提醒", "提醍").replace("偏北风", "偏北凤")))
    out, _ = dedup_records(recs)
    assert len({r["cluster_id"] for r in out}) == len(days)
    assert out[-1]["duplicate_of"] == "d2"


def test_briefs_from_one_template_with_other_words_in_its_slots_stay_apart():
    # the same meeting formula for two counties and two topics: 88 % alike, the same figures
    # (none), and the slots (县名, 工作) are the news; a copy with a few OCR errors still joins
    make = "本报讯 3月12日，{c}县召开{w}工作推进会，安排部署全县{w}工作。会议要求，各乡镇、各部门要提高思想认识，压实工作责任，细化工作措施，确保各项任务落到实处。"
    a = rec("a", "县区动态", make.format(c="清徐", w="安全生产"))
    b = rec("b", "县区动态", make.format(c="阳曲", w="森林防火"))
    copy = rec("c", "动态", make.format(c="清徐", w="安全生产").replace("推进会", "推迸会").replace("细化", "细比"))
    out, _ = dedup_records([a, b, copy])
    assert [r["duplicate_of"] for r in out] == [None, None, "a"]


@pytest.mark.parametrize("args, needle", [
    (["--bands", "100000", "--rows", "100"], "100000 x 100 = 10000000 hash functions; at most 1024"),
    (["--prefilter", "nan"], "'--prefilter': nan is not a number from 0 to 1"),
    (["--threshold", "nan"], "'--threshold': nan is not a number from 0 to 1"),
    (["--short-threshold", "NaN"], "'--short-threshold': nan is not a number"),
])
def test_dedup_options_out_of_range_are_usage_errors(tmp_path, args, needle):
    # bands x rows had no bound (a MemoryError, "internal error"); nan passed the 0-1 range check
    # and changed the result silently (--prefilter nan: every record a cluster of its own)
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "国务院常务会议今天召开部署春季农业生产工作"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    r = run("dedup", *args, str(src))
    assert r.exit_code == 2 and needle in r.output and "internal error" not in r.output, r.output
    assert run("dedup", "--bands", "256", "--rows", "4", str(src)).exit_code == 0  # 1024: the most


def test_library_params_and_thresholds_refuse_what_the_cli_refuses():
    with pytest.raises(ValueError, match="at most 1024"):
        Params(bands=100000, rows=100)
    with pytest.raises(ValueError, match="prefilter"):
        Params(prefilter=float("nan"))
    with pytest.raises(ValueError, match="threshold must be a number from 0 to 1"):
        Thresholds(threshold=float("nan"))


def test_a_scheduler_address_that_is_no_address_is_a_usage_error(tmp_path, monkeypatch):
    # it was "internal error: ValueError ... (a bug: please report it)"
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")

    def client(address):
        raise ValueError(f"missing port number in address {address!r}")

    monkeypatch.setattr(distributed, "Client", client)
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "国务院常务会议今天召开部署春季农业生产工作"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    r = run("dedup", "--engine", "dask", "--scheduler", "not a url", str(src))
    assert r.exit_code == 2 and "Invalid value for '--scheduler': cannot use the Dask scheduler 'not a url'" in r.output, r.output
