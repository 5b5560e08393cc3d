"""Forms for remains search and repatriation. They validate input; services write."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huunghi.core.form_choices import set_choices, set_queryset
from huunghi.geography.widgets import use_place_search
from huunghi.remains.models import (
    Credibility,
    Excavation,
    ExcavationStatus,
    Handover,
    Identification,
    Lead,
    LeadStatus,
    Phase,
    Reburial,
    RemainsSet,
    SearchSite,
    Season,
    SetStage,
    SiteStatus,
)
from huunghi.remains.selectors import CaseFilters, place_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ChooserForm(forms.ModelForm):
    """A remains form whose choosers offer only what the view allows.

    ``choosers`` gives a queryset per chooser field (teams the user may edit, their
    sites…); ``place_searches`` names the place fields that offer the current places of
    one country through the place search; ``fixed_on_edit`` names the fields that cannot
    change once the case exists (the team that owns it, what it follows from).
    """

    place_searches: ClassVar[dict[str, str]] = {}
    fixed_on_edit: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, choosers: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in choosers.items():
            set_queryset(self, name, queryset)
        for name, country in self.place_searches.items():
            set_queryset(self, name, place_choices(country))
            use_place_search(self.fields[name], country=country, current_only=True)
        if self.instance.pk:
            for name in self.fixed_on_edit:
                self.fields[name].disabled = True


class LeadForm(ChooserForm):
    place_searches: ClassVar[dict[str, str]] = {"place": "KH"}
    fixed_on_edit = ("team",)

    class Meta:
        model = Lead
        fields = [
            "team",
            "received_on",
            "informant_description",
            "place",
            "place_text",
            "estimated_count",
            "credibility",
            "notes",
        ]
        widgets = {"received_on": DATE, "notes": TEXTAREA}

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, choosers={"team": teams}, **kwargs)


class SiteForm(ChooserForm):
    place_searches: ClassVar[dict[str, str]] = {"place": "KH"}
    fixed_on_edit = ("team", "lead", "opened_on")

    class Meta:
        model = SearchSite
        fields = [
            "team",
            "name",
            "lead",
            "opened_on",
            "place",
            "place_text",
            "latitude",
            "longitude",
            "notes",
        ]
        widgets = {"opened_on": DATE, "notes": TEXTAREA}

    def __init__(self, *args: Any, teams: Any, leads: Any, **kwargs: Any) -> None:
        super().__init__(*args, choosers={"team": teams, "lead": leads}, **kwargs)
        self.fields["opened_on"].initial = timezone.localdate()


class ExcavationForm(ChooserForm):
    fixed_on_edit = ("team", "site")

    class Meta:
        model = Excavation
        fields = ["team", "site", "phase", "start_date", "end_date", "recovered_count", "notes"]
        widgets = {"start_date": DATE, "end_date": DATE, "notes": TEXTAREA}

    def __init__(self, *args: Any, teams: Any, sites: Any, phases: Any, **kwargs: Any) -> None:
        choosers = {"team": teams, "site": sites, "phase": phases}
        super().__init__(*args, choosers=choosers, **kwargs)


class RemainsSetForm(ChooserForm):
    fixed_on_edit = ("team", "excavation")

    class Meta:
        model = RemainsSet
        fields = [
            "team",
            "excavation",
            "recovered_on",
            "count",
            "identification",
            "dna_sample_taken",
            "personal_effects",
            "soldier_name",
            "soldier_unit",
            "notes",
        ]
        widgets = {"recovered_on": DATE, "personal_effects": TEXTAREA, "notes": TEXTAREA}

    def __init__(self, *args: Any, teams: Any, excavations: Any, **kwargs: Any) -> None:
        super().__init__(*args, choosers={"team": teams, "excavation": excavations}, **kwargs)


class SetsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: RemainsSet) -> str:
        name = f" – {obj.soldier_name}" if obj.soldier_name else ""
        return f"{obj} · {obj.team} · {obj.recovered_on:%d/%m/%Y} · {obj.count}{name}"


class HandoverForm(ChooserForm):
    sets = SetsField(
        label=_("remains sets included"), queryset=RemainsSet.objects.none(), required=False
    )

    class Meta:
        model = Handover
        fields = [
            "unit",
            "held_on",
            "kh_province",
            "vn_province",
            "remains_count",
            "place_text",
            "notes",
        ]
        widgets = {"held_on": DATE, "notes": TEXTAREA}

    def __init__(self, *args: Any, units: Any, sets: Any, **kwargs: Any) -> None:
        choosers = {
            "unit": units,
            "sets": sets,
            "kh_province": place_choices("KH", provinces_only=True),
            "vn_province": place_choices("VN", provinces_only=True),
        }
        super().__init__(*args, choosers=choosers, **kwargs)


class ReburialForm(ChooserForm):
    place_searches: ClassVar[dict[str, str]] = {"place": "VN"}
    sets = SetsField(label=_("remains sets reburied"), queryset=RemainsSet.objects.none())

    class Meta:
        model = Reburial
        fields = ["unit", "held_on", "cemetery_name", "place", "notes"]
        widgets = {"held_on": DATE, "notes": TEXTAREA}

    def __init__(self, *args: Any, units: Any, sets: Any, **kwargs: Any) -> None:
        super().__init__(*args, choosers={"unit": units, "sets": sets}, **kwargs)


class SeasonForm(forms.ModelForm):
    class Meta:
        model = Season
        fields = ["number", "start_year", "notes"]
        widgets = {"notes": TEXTAREA}


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["number", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}


class MoveForm(forms.Form):
    """A status move: which action, on which date, and why."""

    action = forms.ChoiceField(label=_("action"), widget=forms.HiddenInput)
    on_date = forms.DateField(label=_("date"), widget=DATE)
    reason = forms.CharField(
        label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, actions: list[tuple[str, Any]], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("on_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        set_choices(self, "action", actions)


STATUS_CHOICES = {
    "leads": LeadStatus.choices,
    "sites": SiteStatus.choices,
    "excavations": ExcavationStatus.choices,
    "sets": SetStage.choices,
}


class CaseFilterForm(forms.Form):
    query = forms.CharField(label=_("search"), required=False)
    team: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("team"), required=False, queryset=None
    )
    status = forms.ChoiceField(label=_("status"), required=False)
    season: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("season"), required=False, queryset=None
    )
    phase: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("phase"), required=False, queryset=None
    )
    credibility = forms.ChoiceField(
        label=_("credibility"), required=False, choices=[("", _("all")), *Credibility.choices]
    )
    identification = forms.ChoiceField(
        label=_("identification"),
        required=False,
        choices=[("", _("all")), *Identification.choices],
    )

    def __init__(
        self, *args: Any, kind: str, teams: Any, seasons: Any, phases: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "team", teams)
        set_queryset(self, "season", seasons)
        set_queryset(self, "phase", phases)
        set_choices(self, "status", [("", _("all")), *STATUS_CHOICES[kind]])
        keep = {
            "leads": {"query", "team", "status", "credibility"},
            "sites": {"query", "team", "status"},
            "excavations": {"team", "status", "season", "phase"},
            "sets": {"query", "team", "status", "season", "identification"},
        }[kind]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def filters(self) -> CaseFilters:
        if not self.is_valid():
            return CaseFilters()
        data = self.cleaned_data
        return CaseFilters(
            team=data.get("team"),
            status=data.get("status", ""),
            season=data.get("season"),
            phase=data.get("phase"),
            query=(data.get("query") or "").strip(),
            identification=data.get("identification", ""),
            credibility=data.get("credibility", ""),
        )
