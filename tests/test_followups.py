"""Follow-ups: what a later-cycle submission says became of an earlier review's recommendations.

Fictional texts about a fictional State (Veridia); each test names the class of passage it covers.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.finders.citations import find_citations
from extract.finders.followups import Cues, cues, find_follow_ups, judge
from extract.structure.units import DocText, TextUnit
from schemas import Section


def _cues(lang: str) -> Cues:
    """The language's follow-up cues, which every language these tests use has."""
    c = cues(lang)
    assert c is not None
    return c


def _p(pid: str, text: str, section: str = "s1", page: int = 1) -> TextUnit:
    return TextUnit(id=pid, source="paragraph", page=page, text=text, section=section)


def _note(fid: str, text: str, anchor: str | None, section: str | None = "s1", page: int = 9) -> TextUnit:
    return TextUnit(
        id=fid, source="footnote", page=page, text=text, section=section, kind="footnote", number=fid[2:], anchor=anchor
    )


def _doc(units: list[TextUnit], lang: str = "en", sections: list[Section] | None = None) -> DocText:
    secs = sections or [Section(id="s1", title="Follow-up to the previous review", level=1, page_start=1, page_end=9)]
    return DocText(units=units, sections=secs, language=lang, kind="ngo_submission")


def _run(doc: DocText):
    return find_follow_ups(doc, find_citations(doc))


def test_numbers_in_a_note_take_the_verdict_of_the_paragraph_it_is_anchored_in() -> None:
    doc = _doc(
        [
            _p(
                "p1",
                "Veridia accepted recommendations to decriminalise defamation. However, Article 88 has not been changed.",
            ),
            _note("fn1", "A/HRC/99/12, recommendations 101.4 (Arcadia) and 101.5 (Borealis).", "p1"),
        ]
    )
    found, warnings = _run(doc)
    assert [f.numbers for f in found] == [["101.4", "101.5"]]
    f = found[0]
    assert f.status == "not_implemented"
    assert f.state_response == "accepted"
    assert f.report == "A/HRC/99/12"
    assert f.text == "However, Article 88 has not been changed."
    assert doc.unit("p1").text[f.start : f.end] == f.text
    assert warnings == []


def test_separate_citation_phrases_are_separate_assessments_and_each_stops_at_the_next() -> None:
    doc = _doc(
        [
            _p(
                "p1",
                "The detention law does not comply with the Covenant (Rec. 7, Veridia UPR). "
                "Veridia did not accept Recommendation 9 in full. "
                "As the inquiry showed, Veridia has failed to meet Recommendation 10.",
            )
        ]
    )
    found, _ = _run(doc)
    by = {tuple(f.numbers): f for f in found}
    assert by[("7",)].status == "not_implemented"
    assert by[("9",)].status == "unclear" and by[("9",)].state_response == "rejected"
    assert by[("10",)].status == "not_implemented"


def test_a_cited_recommendation_without_a_verdict_is_unclear_and_warned() -> None:
    doc = _doc([_p("p1", "In the first UPR, Veridia received recommendation 55.3 on prisons.")])
    found, warnings = _run(doc)
    assert [(f.numbers, f.status) for f in found] == [(["55.3"], "unclear")]
    assert [w.code for w in warnings] == ["follow_up_without_verdict"]


def test_a_recommendation_named_in_words_is_found_with_its_verdict() -> None:
    doc = _doc(
        [
            _p(
                "p1",
                "During the 2010 review, Veridia accepted a recommendation to “continue to review its security laws”. "
                "Though a review was conducted, the security law still fails to meet the standards.",
            )
        ]
    )
    found, _ = _run(doc)
    assert len(found) == 1
    f = found[0]
    assert f.numbers == [] and f.state_response == "accepted"
    assert f.status == "partially_implemented"  # a concession and a failure in one sentence
    assert f.text.startswith("Though a review was conducted")


def test_the_quoted_recommendation_is_not_read_as_the_verdict() -> None:
    c = _cues("en")
    assert judge("Veridia accepted a recommendation to “continue to review all laws”.", None, c) is None


def test_own_numbered_recommendations_and_other_bodies_are_not_follow_ups() -> None:
    doc = _doc(
        [
            _p("p1", "Recommendation 1: Veridia should repeal Article 5."),
            _p("p2", "The Committee against Torture recommended in 2011 that Veridia close the camp; it remains open."),
        ]
    )
    found, _ = _run(doc)
    assert found == []


def test_a_passage_reaches_into_its_subsections_but_not_the_next_section() -> None:
    sections = [
        Section(id="s1", title="Earlier recommendations", level=1, page_start=1, page_end=2),
        Section(id="s2", title="Prisons", level=2, parent="s1", page_start=1, page_end=1),
        Section(id="s3", title="Other concerns", level=1, page_start=2, page_end=2),
    ]
    doc = _doc(
        [
            _p("p1", "UPR Recommendation 12: To improve conditions in prisons.", "s1"),
            _p("p2", "Overcrowding in Veridia's prisons continues to rise.", "s2"),
            _p("p3", "UPR Recommendation 14: To ratify the Optional Protocol.", "s3", page=2),
            _p("p4", "Veridia ratified the Optional Protocol in 2012.", "s3", page=2),
        ],
        sections=sections,
    )
    found, _ = _run(doc)
    by = {tuple(f.numbers): f for f in found}
    assert by[("12",)].status == "not_implemented" and by[("12",)].paragraph == "p2"
    assert by[("14",)].status == "implemented" and by[("14",)].paragraph == "p4"


def test_spanish_and_french_verdicts() -> None:
    es = _doc(
        [
            _p(
                "p1",
                "En el primer EPU, el Estado aceptó la recomendación de reformar el Código Penal. "
                "Sin embargo, no se ha modificado el artículo 12.",
            )
        ],
        lang="es",
    )
    fr = _doc(
        [
            _p(
                "p1",
                "Lors du premier EPU, l'État a accepté la recommandation de réformer la loi sur la presse. "
                "Bien que des consultations aient eu lieu, la loi n'a toujours pas été modifiée.",
            )
        ],
        lang="fr",
    )
    (f_es,), _ = _run(es)
    (f_fr,), _ = _run(fr)
    assert f_es.status == "not_implemented" and f_es.state_response == "accepted"
    assert f_fr.status == "partially_implemented" and f_fr.state_response == "accepted"


def test_a_language_without_rules_finds_nothing() -> None:
    doc = _doc([_p("p1", "Im ersten UPR wurde Empfehlung 5 angenommen; sie wurde nicht umgesetzt.")], lang="de")
    assert _run(doc) == ([], [])


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,;:()“”0123456789ReconUPRfirsthwvd")), max_size=300))
def test_any_text_gives_records_whose_offsets_hold_their_sentence(text: str) -> None:
    doc = _doc([_p("p1", "In the first UPR, recommendation 4.2 was accepted. " + text)])
    found, _ = _run(doc)
    for f in found:
        unit = doc.unit(f.paragraph or f.footnote or "")
        assert unit is not None and f.start is not None and f.end is not None
        assert unit.text[f.start : f.end] == f.text


def test_words_that_only_describe_are_not_verdicts() -> None:
    c = _cues("en")
    assert (
        judge("Most claims for asylum were refused.", None, c) is None
    )  # the State refusing asylum, not the recommendation
    assert judge("Veridia refused to amend the law.", None, c) == ("not_implemented", ("refused to",))
    assert judge("Has Veridia ratified the Protocol?", None, c) is None  # a question judges nothing
    assert judge("How has Veridia implemented the accepted recommendations.", None, c) is None  # even unmarked
    assert judge("What the evidence shows is that the law has not been changed.", None, c) is not None


def test_the_wording_after_a_colon_and_applause_are_not_verdicts() -> None:
    doc = _doc(
        [
            _p("p1", "The 2010 review of Veridia made a recommendation that its press law serve as an example:"),
            _p("p2", "That the press law be emulated in countries which have not done so."),
            _p("p3", "We applaud this recommendation. Veridia has since repealed the press law."),
        ]
    )
    found, _ = _run(doc)
    assert [(f.status, f.paragraph) for f in found] == [("implemented", "p3")]
    assert found[0].text == "Veridia has since repealed the press law."


def test_a_welcome_then_a_contrasting_shortfall_is_a_partial_verdict() -> None:
    c = _cues("en")
    got = judge(
        "The new guidance for caseworkers is to be commended.",
        "However, its principles are yet to be realised in practice.",
        c,
    )
    assert got is not None and got[0] == "partially_implemented"
    # the shortfall alone is 'not implemented'; 'disappointing' weighs against a welcome in one sentence
    assert judge("Its principles are yet to be realised in practice.", None, c) == (
        "not_implemented",
        ("are yet to be realised",),
    )
    got = judge("While we welcomed the decision to review the law, its outcome has been disappointing.", None, c)
    assert got is not None and got[0] == "partially_implemented"


def test_the_verdict_opens_where_the_passage_first_judges() -> None:
    doc = _doc(
        [
            _p(
                "p1",
                "In the first UPR, Veridia accepted to protect the children of migrants. "
                "However, there is great concern about the training of staff.",
            ),
            _p(
                "p2",
                "The new guidance for caseworkers is to be commended. "
                "However, its principles are yet to be realised in practice.",
            ),
        ]
    )
    (f,), _ = _run(doc)
    assert f.status == "partially_implemented"  # set by the plainer sentence of p2 ...
    assert f.text == "However, there is great concern about the training of staff."  # ... printed from the first
    assert "concern" in f.cues and "are yet to be realised" in f.cues


def test_another_bodys_view_after_a_connective_is_not_a_verdict() -> None:
    c = _cues("en")
    assert (
        judge("Similarly, in 2009 the UN Committee against Torture noted that the law remains in force.", None, c)
        is None
    )
    es = _cues("es")
    assert judge("Asimismo, el Comité contra la Tortura observó que la ley sigue vigente.", None, es) is None


def test_a_step_the_submission_recognises_then_a_shortfall_is_partial() -> None:
    doc = _doc(
        [
            _p(
                "p1",
                "We recognise the fall in child poverty since 1999, but remain disappointed that Veridia has "
                "failed to halve it by 2010 despite its acceptance of such a recommendation in the UPR process in 2008.",
            ),
        ]
    )
    (f,), _ = _run(doc)
    assert f.status == "partially_implemented"
    c = _cues("en")
    got = judge(
        "The reduction in recent years of the number of children in custody owes much to diversion schemes.",
        "However, Veridia still has one of the highest rates of child imprisonment in the region.",
        c,
    )
    assert got is not None and got[0] == "partially_implemented"
    # a law that fails to recognise a right is no concession
    assert judge("The law fails to recognise the right to object.", None, c) == ("not_implemented", ("fails to",))
