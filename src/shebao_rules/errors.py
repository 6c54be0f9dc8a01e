"""Errors a calculation can refuse with; each knows the input field it concerns.

Every refusal carries an English message and a Chinese one (`message_zh`), and the
field of the input that was wrong or that could supply what is missing.
"""

from __future__ import annotations


class RulesError(Exception):
    """Base of every refusal; the CLI turns it into {"error", "error_zh", "field"}, exit 2."""

    def __init__(self, message: str, *, field: str, message_zh: str = "", **extra: object):
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh
        self.field = field
        self.extra = extra

    def to_json(self) -> dict:
        out = {"error": self.message, "field": self.field}
        if self.message_zh:
            out["error_zh"] = self.message_zh
        out.update({k: v for k, v in self.extra.items() if v is not None})
        return out


class InputError(RulesError):
    """The caller's input is missing a field or has a wrong value."""


class ParameterMissing(RulesError):
    """The rule data holds no value of a parameter for that region and date."""

    def __init__(self, name: str, region: str, when: str, *, field: str | None = None):
        super().__init__(
            f"parameter {name} is not in the rule data for region {region} at {when}; "
            f"supply it in the input or add it to the data with its source",
            message_zh=f"规则数据中没有 {region} 地区 {when} 的参数 {name}，"
            "请在输入中提供或补充带出处的数据",
            field=field or f"params.{name}",
            parameter=name,
            region=region,
            when=when,
        )


class AssumedNotAllowed(RulesError):
    """The only value the data holds is an assumption, and the caller did not allow those."""

    def __init__(self, name: str, region: str, when: str, basis: str, *, field: str | None = None):
        super().__init__(
            f"parameter {name} for region {region} at {when} is only an assumed value "
            f"({basis}); official calculations refuse it — pass allow_assumed=true for an "
            f"estimate, or supply the value in the input",
            message_zh=f"{region} 地区 {when} 的参数 {name} 只有假设值，正式核定不得使用；"
            f"测算请设置 allow_assumed=true，或在输入中提供该值",
            field=field or f"params.{name}",
            parameter=name,
            region=region,
            when=when,
        )


class ParameterChangesWithinYear(RulesError):
    """A year-wide calculation meets a parameter that changed during that year."""

    def __init__(self, name: str, region: str, year: int):
        super().__init__(
            f"parameter {name} for region {region} changes during {year}; give the month",
            message_zh=f"{region} 地区参数 {name} 在 {year} 年内有变化，请提供月份",
            field="month",
            parameter=name,
            region=region,
            when=str(year),
        )


class DataError(Exception):
    """The parameter data files themselves are inconsistent (a defect, not bad input)."""
