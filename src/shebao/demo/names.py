"""Synthetic Chinese names: common surnames and given-name characters, a few minority names."""

from __future__ import annotations

import random

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余"
    "潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆建国志德福生海东林峰永庆春成"
FEMALE = "芳娜敏静丽艳娟霞秀英华慧巧美娅玲燕红梅琳素云莲真环雪荣爱妹凤洁琴兰桂"
MINORITY = ("阿依古丽·买买提", "买买提·艾力", "古丽娜尔·吐尔逊", "艾尔肯·阿不都", "热依拉·赛买提")


def person_name(rng: random.Random, *, male: bool) -> str:
    if rng.random() < 0.004:
        return rng.choice(MINORITY)
    pool = MALE if male else FEMALE
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given
