"""What phone systems and providers name a call log's columns in German, French, Spanish,
Italian and Dutch (AVM FRITZ!Box, Auerswald, Telekom, placetel, sipgate; Orange, Free;
the Spanish, Italian and Dutch PBX portals), read by call_log.py as the English names are.

Names are spelled as core.csv_table.column_name spells a header cell: lower case, accents
folded, punctuation a space ("Gesprächsdauer" → "gesprachsdauer", "Type d'appel" →
"type d appel"). Those countries write the day before the month (06/03/2026 is 6 March),
so a header in one of these languages says how the file's dates are written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Field → the names of its column, German, French, Spanish, Italian, Dutch in turn. A word
# English exports also write (Name, Status, Type, Date, Notes…) is in call_log.SYNONYMS
# only, so that it says nothing of the file's language.
OTHER_LANGUAGES: dict[str, tuple[str, ...]] = {
    "time": ("datum uhrzeit", "datum und uhrzeit", "datum zeit", "zeitpunkt", "startzeit",
             "anrufzeit", "beginn", "datum",
             "date heure", "date et heure", "date de l appel", "date de debut", "debut",
             "horodatage",
             "fecha hora", "fecha y hora", "fecha de inicio", "fecha de la llamada", "inicio",
             "fecha",
             "data ora", "data e ora", "data inizio", "data chiamata", "inizio", "data",
             "datum tijd", "datum en tijd", "begintijd", "starttijd", "tijdstip"),
    "number": ("rufnummer", "telefonnummer", "telefon", "nummer", "externe rufnummer",
               "externer partner", "gegenstelle", "anrufernummer",
               "numero", "numero de telephone", "numero externe", "correspondant",
               "numero de telefono", "telefono",
               "numero di telefono",
               "telefoonnummer", "telefoon"),
    "from": ("von", "appelant", "numero appelant", "origen", "numero llamante",
             "chiamante", "numero chiamante", "van"),
    "to": ("an", "appele", "numero appele", "destino", "numero llamado", "numero destino",
           "chiamato", "numero chiamato", "naar"),
    "direction": ("richtung", "anrufrichtung", "gesprachsrichtung", "anrufart", "typ",
                  "sens", "sens de l appel", "type d appel",
                  "direccion", "sentido", "tipo", "tipo de llamada",
                  "direzione", "tipo chiamata", "tipo di chiamata",
                  "richting", "gesprekstype", "soort"),
    "duration": ("dauer", "gesprachsdauer", "anrufdauer", "dauer s", "dauer sek",
                 "sekunden",
                 "duree", "duree de l appel", "duree s", "secondes",
                 "duracion", "duracion de la llamada", "segundos",
                 "durata", "durata chiamata", "secondi",
                 "duur", "gespreksduur", "seconden"),
    "name": ("anrufer", "externer name", "kontakt", "kunde", "gesprachspartner",
             "nom", "nom externe", "nom du contact",
             "nombre", "contacto",
             "nome", "contatto",
             "naam", "klant"),
    "notes": ("notizen", "notiz", "bemerkung", "bemerkungen", "kommentar", "betreff",
              "anmerkung", "beschreibung",
              "commentaire", "commentaires", "remarque", "remarques", "objet", "resume",
              "notas", "nota", "comentario", "comentarios", "asunto", "descripcion",
              "commento", "commenti", "oggetto", "descrizione",
              "notities", "notitie", "opmerking", "opmerkingen", "onderwerp",
              "omschrijving"),
    "status": ("ergebnis", "anrufstatus",
               "statut", "etat", "resultat",
               "estado", "resultado",
               "stato", "esito",
               "resultaat"),
    "id": ("anruf id", "id appel", "id llamada", "id chiamata", "gesprek id"),
}
# A caller's number beside the called one: each call's `from` (see call_log.CALLER_NUMBER).
OTHER_CALLER_NUMBER = ("numero appelant", "numero chiamante", "numero llamante")
# A date column and a time-of-day column, read as one time (as `Date` and `Time` are).
DATE_AND_TIME = (("date", "time"), ("datum", "uhrzeit"), ("datum", "zeit"),
                 ("date", "heure"), ("fecha", "hora"), ("data", "ora"), ("data", "orario"),
                 ("datum", "tijd"))
# Words of those languages that an English header may hold as well: no sign of the
# language, so no sign of day-first dates.
ENGLISH_TOO = frozenset({"data", "resume"})
DAY_FIRST_WORDS = frozenset(
    {name for names in OTHER_LANGUAGES.values() for name in names}
    | {time for _date, time in DATE_AND_TIME if time != "time"}) - ENGLISH_TOO


def with_other_languages(english: Mapping[str, tuple[str, ...]]
                         ) -> dict[str, tuple[str, ...]]:
    """Each field's English names, then its names in the other languages."""
    return {field: (*names, *(name for name in OTHER_LANGUAGES.get(field, ())
                              if name not in names))
            for field, names in english.items()}


def date_and_time(names: list[str], taken: Iterable[int]) -> list[int]:
    """The columns of a date and a time of day the header names ("Datum", "Uhrzeit"), or
    an empty list."""
    free = set(range(len(names))) - set(taken)
    for date, time in DATE_AND_TIME:
        if date in names and time in names and {names.index(date), names.index(time)} <= free:
            return [names.index(date), names.index(time)]
    return []


def writes_day_first(names: Iterable[str]) -> bool:
    """Whether the header's names (column_name spelling) are German, French, Spanish,
    Italian or Dutch, whose exports write the day first."""
    return any(name in DAY_FIRST_WORDS for name in names)
