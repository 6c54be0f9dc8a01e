"""Transfer amounts and the claim place (国办发〔2009〕66号, reference §5)."""

import pytest


def test_pooled_part_is_12_percent_of_each_year_since_1998(cli):
    code, out = cli(
        "transfer",
        {
            "account_balance": "50000",
            "annual_bases": {
                "1996": "20000",
                "1997": "30000",
                "1998": "72000",
                "1999": "80000.50",
                "2010": "12345.67",
            },
        },
    )
    assert code == 0, out
    assert out["pooled_by_year"] == {"1998": "8640.00", "1999": "9600.06", "2010": "1481.48"}
    assert out["pooled"] == "19721.54"
    assert (out["account"], out["total"]) == ("50000.00", "69721.54")
    ignored = [s for s in out["steps"] if "not part of the pooled" in s["what"]]
    assert ignored[0]["value"] == [1996, 1997]


def test_a_part_year_counts_only_its_months_bases(cli):
    # 1998: four months at 5000 -> the year's sum is 20000
    code, out = cli("transfer", {"account_balance": "0", "annual_bases": {"1998": "20000"}})
    assert code == 0 and out["pooled"] == "2400.00"


@pytest.mark.parametrize(
    "hukou,places,region,rule",
    [
        ("510000", [("510000", 186), ("130000", 131)], "130000", 2),  # issue example
        ("130000", [("510000", 186), ("130000", 20)], "130000", 1),  # back at the hukou place
        ("510000", [("110000", 130), ("130000", 100)], "110000", 3),  # last 10-year place
        (
            "510000",
            [("110000", 130), ("220000", 125), ("130000", 10)],
            "220000",
            3,
        ),  # the latest of them
        ("510000", [("110000", 100), ("130000", 100)], "510000", 4),  # nowhere 10 years
        ("510000", [("130000", 70), ("110000", 30), ("130000", 60)], "130000", 2),  # stays add up
    ],
)
def test_claim_place_follows_the_four_rules(cli, hukou, places, region, rule):
    code, out = cli(
        "claim-place",
        {"hukou_region": hukou, "places": [{"region": r, "months": m} for r, m in places]},
    )
    assert code == 0, out
    assert (out["claim_region"], out["rule"]) == (region, rule)
    assert any(p["name"] == "transfer.claim_min_months" for s in out["steps"] for p in s["params"])


def test_claim_place_refuses_a_region_that_is_not_a_code(cli):
    code, out = cli(
        "claim-place", {"hukou_region": "hebei", "places": [{"region": "130000", "months": 1}]}
    )
    assert code == 2 and out["field"] == "hukou_region"
