"""Social worker episodes: SW02, SW06-SW13, SW17-SW19."""

from tests.validation.util import rows


def sw(child, decom, dec=None, reason="MANAGE", sw_id="SW1234"):
    return {"CHILD": child, "SW_ID": sw_id, "SW_DECOM": decom, "SW_DEC": dec,
            "SW_REASON": reason}


def test_field_rules():
    s = [
        sw("A", "01/04/2025", sw_id="XX0001"),          # pass
        sw("B", "01/04/2025", sw_id="AB1234"),          # fail SW02: bad prefix
        sw("C", "01/04/2026"),                          # fail SW06: after 31/03/2026
        sw("D", "01/04/2025", "01/04/2025"),            # fail SW09: same day
        sw("E", "02/04/2025", "01/04/2025"),            # fail SW18: ends before start
        sw("F", "01/04/2025", reason="NOPE"),           # fail SW13: unknown reason
        sw("G", "01/04/2025", reason=None),             # fail SW13: blank since 2023
        sw("H", "01/04/2024", "31/03/2024"),            # fail SW07: before 01/04/2024
    ]
    assert rows("SW02STG1", SWEpisodes=s) == [2]
    assert rows("SW06STG2", SWEpisodes=s) == [3]
    assert rows("SW09STG2", SWEpisodes=s) == [4]
    assert rows("SW18STG2", SWEpisodes=s) == [5, 8]
    assert rows("SW13STG1", SWEpisodes=s) == [6, 7]
    assert rows("SW07STG2", SWEpisodes=s) == [8]


def test_sequence_rules():
    s = [
        sw("A", "01/04/2025", "01/08/2025"),                  # pass
        sw("A", "01/08/2025"),                                # pass: starts the day before ended
        sw("B", "01/04/2025"),                                # fail SW08: open but not last
        sw("B", "01/08/2025"),                                # pass: SW08 already flags the open one before
        sw("C", "01/04/2025", "01/08/2025"),                  # pass
        sw("C", "10/08/2025"),                                # fail SW10a: 9-day gap
        sw("D", "01/04/2025", "01/08/2025"),                  # pass
        sw("D", "20/09/2025", reason="FCONTA"),               # pass: first contact after a gap
        sw("E", "01/04/2025", "01/08/2025"),                  # pass
        sw("E", "20/07/2025", reason="FCONTA"),               # fail SW10, SW10b (first contact: not SW10a)
        sw("F", "01/04/2025"),                                # fail SW19
        sw("F", "01/04/2025"),                                # fail SW19
    ]
    assert rows("SW08STG2", SWEpisodes=s) == [3, 11]
    assert rows("SW10STG2", SWEpisodes=s) == [10]
    assert rows("SW10aSTG2", SWEpisodes=s) == [6]  # 10 is a first contact
    assert rows("SW10bSTG2", SWEpisodes=s) == [10]
    assert rows("SW19STG2", SWEpisodes=s) == [11, 12]


def test_open_at_31_march_and_whole_year():
    eps = [{"CHILD": c, "DECOM": "01/01/2024", "RNE": "S", "LS": "C2"} for c in "ABCD"]
    s = [
        sw("A", "01/04/2025"),                    # pass: open all year
        sw("B", "01/04/2025", "30/03/2026"),      # fail SW11b, SW17: ended before 31 March
        sw("C", "01/05/2025"),                    # SW12 flags C's episode: April missing
    ]  # D has no social worker episodes at all: SW12 flags D's episode
    assert rows("SW11bSTG2", SWEpisodes=s, Episodes=eps) == [2]
    assert rows("SW17STG2", SWEpisodes=s, Episodes=eps) == [2]
    assert rows("SW12STG2", SWEpisodes=s, Episodes=eps) == [3, 4]
    # A child on short breaks only is not looked after at 31 March.
    v4 = [{"CHILD": "A", "DECOM": "01/01/2024", "RNE": "S", "LS": "V4"}]
    assert rows("SW12STG2", SWEpisodes=[], Episodes=v4) == []
