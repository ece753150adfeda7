"""Every bibliography entry, as the reader gets it, against a hand-checked string.

Each expected string was written by reading the edition's reference list
(``docs/references.md``): names, titles and their capitals (proper nouns,
names of works and legal citations keep theirs), places, publishers, years,
volumes and pages. Article and chapter titles are in sentence case, book and
film titles in their own case; a list of authors cut short ends “et al.”.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.book

EXPECTED = [
    "[American Psychiatric Association 2013] American Psychiatric Association. Diagnostic and Statistical "
    "Manual of Mental Disorders. American Psychiatric Publishing, Arlington, VA, 5th edition, 2013. DSM-5.",
    "[Bowlby 1980] John Bowlby. Attachment and Loss, Vol. 3: Loss: Sadness and Depression. Basic Books, "
    "New York, 1980.",
    "[Crawford et al. 2016] Mike J. Crawford et al. Patient experience of negative effects of psychological "
    "treatment: results of a national survey. British Journal of Psychiatry, 208(3):260–265, 2016.",
    "[Ferenczi 1949] Sándor Ferenczi. Confusion of tongues between the adults and the child. International "
    "Journal of Psycho-Analysis, 30:225–230, 1949. Paper given in 1932.",
    "[Freud 1912] Sigmund Freud. The dynamics of transference. In The Standard Edition of the Complete "
    "Psychological Works of Sigmund Freud, volume 12. Hogarth Press, London, 1958. Paper first published 1912.",
    "[Goffman 1961] Erving Goffman. Asylums. Anchor Books, Garden City, NY, 1961.",
    "[Guggenbühl-Craig 1971] Adolf Guggenbühl-Craig. Power in the Helping Professions. Spring Publications, "
    "New York, 1971.",
    "[Hannan et al. 2005] Corinne Hannan, Michael J. Lambert, Cory Harmon, Stevan Lars Nielsen, David W. Smart, "
    "Kenichi Shimokawa, and Scott W. Sutton. A lab test and algorithms for identifying clients at risk for "
    "treatment failure. Journal of Clinical Psychology, 61(2):155–163, 2005.",
    "[Herman 1992] Judith Lewis Herman. Trauma and Recovery. Basic Books, New York, 1992.",
    "[Jung 1963] C. G. Jung. Memories, Dreams, Reflections. Pantheon, New York, 1963. Recorded and edited "
    "by Aniela Jaffé.",
    "[Kris 1952] Ernst Kris. Psychoanalytic Explorations in Art. International Universities Press, New York, 1952.",
    "[Kübler-Ross 1969] Elisabeth Kübler-Ross. On Death and Dying. Macmillan, New York, 1969.",
    "[Lilienfeld 2007] Scott O. Lilienfeld. Psychological treatments that cause harm. Perspectives on "
    "Psychological Science, 2(1):53–70, 2007.",
    "[Mackler 2008] Daniel Mackler (director). Take These Broken Wings: Recovery from Schizophrenia without "
    "Medication. Documentary film, 2008.",
    "[Mackler 2011] Daniel Mackler (director). Open Dialogue: An Alternative, Finnish Approach to Healing "
    "Psychosis. Documentary film, 2011.",
    "[Miller 1997] Alice Miller. The Drama of the Gifted Child: The Search for the True Self. Basic Books, "
    "New York, revised edition, 1997. Translated by Ruth Ward. German original 1979.",
    "[Norcross 2005] John C. Norcross. The psychotherapist’s own psychotherapy: educating and developing "
    "psychologists. American Psychologist, 60(8):840–850, 2005.",
    "[O’Connor v. Donaldson 1975] O’Connor v. Donaldson. 422 U.S. 563, 1975.",
    "[Rogers 1957] Carl R. Rogers. The necessary and sufficient conditions of therapeutic personality change. "
    "Journal of Consulting Psychology, 21(2):95–103, 1957.",
    "[Safran and Muran 2000] Jeremy D. Safran and J. Christopher Muran. Negotiating the Therapeutic Alliance: "
    "A Relational Treatment Guide. Guilford Press, New York, 2000.",
    "[Seikkula and Arnkil 2006] Jaakko Seikkula and Tom Erik Arnkil. Dialogical Meetings in Social Networks. "
    "Karnac, London, 2006.",
    "[Szasz 1961] Thomas Szasz. The Myth of Mental Illness. Hoeber-Harper, New York, 1961.",
    "[Walfish et al. 2012] Steven Walfish, Brian McAlister, Paul O’Donnell, and Michael J. Lambert. An "
    "investigation of self-assessment bias in mental health providers. Psychological Reports, 110(2):639–644, 2012.",
    "[Wampold and Imel 2015] Bruce E. Wampold and Zac E. Imel. The Great Psychotherapy Debate: The Evidence "
    "for What Makes Psychotherapy Work. Routledge, New York, 2nd edition, 2015.",
    "[Whitaker 2002] Robert Whitaker. Mad in America: Bad Science, Bad Medicine, and the Enduring "
    "Mistreatment of the Mentally Ill. Perseus, Cambridge, MA, 2002.",
    "[Whitaker 2010] Robert Whitaker. Anatomy of an Epidemic. Crown, New York, 2010.",
    "[Winnicott 1949] D. W. Winnicott. Hate in the counter-transference. International Journal of "
    "Psycho-Analysis, 30:69–74, 1949.",
]


def rendered_entries(site) -> list[str]:
    page = BeautifulSoup((site / "book" / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    return [" ".join(entry.get_text().split()) for entry in page.select("div.citation")]


def test_every_entry_reads_as_checked(site) -> None:
    got = rendered_entries(site)
    assert len(got) == len(EXPECTED)
    for expected, entry in zip(EXPECTED, got):
        assert entry == expected


def test_titles_of_works_and_proper_nouns_keep_their_capitals(site) -> None:
    text = " ".join(rendered_entries(site))
    for word in ("Finnish", "Open Dialogue", "U.S.", "Schizophrenia", "Sigmund Freud"):
        assert word in text
    assert "and others" not in text


def test_case_name_and_film_titles_are_in_italics(site) -> None:
    page = BeautifulSoup((site / "book" / "bibliography.html").read_text(encoding="utf-8"), "html.parser")
    italic = {em.get_text() for em in page.select("div.citation em")}
    assert "O’Connor v. Donaldson" in italic
    assert "Open Dialogue: An Alternative, Finnish Approach to Healing Psychosis" in italic


def test_citations_in_the_text_say_et_al(site) -> None:
    page = (site / "book" / "refusal.html").read_text(encoding="utf-8")
    # the year is set in lining figures (a span of its own)
    assert re.search(r"Crawford et al\., (<span class=\"lining\">)?2016", page)
    assert "and others" not in page
    # three or more authors: the first and “et al.”, as in the bibliography's label
    assert re.search(r"Hannan et al\., (<span class=\"lining\">)?2005", page) and "Hannan, Lambert" not in page
    humility = (site / "book" / "humility.html").read_text(encoding="utf-8")
    assert re.search(r"Walfish et al\., (<span class=\"lining\">)?2012", humility)
