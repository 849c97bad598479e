"""Catalogue rows for customers (families, parents, addresses, banks).

Each row: code, severity, meaning, message (en), message (nl), fix (en),
fix (nl). Only the contract-responsible parent is checked: the other parent's
data never block a family. Where a fix names a screen, it is the screen of
that parent in Bitcare.
"""

from __future__ import annotations

from typing import Final


_PROFILE_EN = (
    "Open the parent's profile in Bitcare → tab 'Persoonlijk' → the pencil icon"
)
_PROFILE_NL = "Open in Bitcare het profiel van de ouder → tabblad 'Persoonlijk' → het potloodicoon"
_NUMBER_EN = f"{_PROFILE_EN} and correct the field 'Klantnummer' under 'Persoonlijke informatie'; it must be the relation code Exact gave this customer"
_NUMBER_NL = f"{_PROFILE_NL} en corrigeer het veld 'Klantnummer' onder 'Persoonlijke informatie'; het moet de relatiecode zijn die Exact deze klant gaf"
_ADDRESS_EN = f"{_PROFILE_EN} and correct the address"
_ADDRESS_NL = f"{_PROFILE_NL} en corrigeer het adres"
_BANK_EN = "Open the parent's profile in Bitcare → tab 'Bankrekeningen' and correct the bank account (or add it with +)"
_BANK_NL = "Open in Bitcare het profiel van de ouder → tabblad 'Bankrekeningen' en corrigeer de bankrekening (of voeg hem toe met +)"
_MANDATE_EN = "Open the parent's profile in Bitcare → tab 'Bankrekeningen' → the bank account, and correct its mandate code"
_MANDATE_NL = "Open in Bitcare het profiel van de ouder → tabblad 'Bankrekeningen' → de bankrekening, en corrigeer de mandaatcode"
_IDS_EN = "Fix the export file or the program that wrote it: every id must occur once in the document"
_IDS_NL = "Herstel het exportbestand of het programma dat het maakte: elke id mag maar één keer in het document staan"

# What postcode.invalid says about the country's form (domain.md §3.1; NL as
# python-stdnum's nl.postcode checks it). Other countries follow Google's
# address data, whose patterns are not worth spelling out in a message.
POSTCODE_FORMS: Final = {
    "NL": (
        "a Dutch postcode is four digits, the first not 0, and two letters, such as 1234 AB; the letter pairs SA, SD and SS are never issued",
        "een Nederlandse postcode is vier cijfers, waarvan het eerste geen 0 is, en twee letters, zoals 1234 AB; de lettercombinaties SA, SD en SS worden nooit uitgegeven",
    ),
    "BE": (
        "a Belgian postcode is four digits, the first not 0",
        "een Belgische postcode is vier cijfers, waarvan het eerste geen 0 is",
    ),
    "DE": (
        "a German postcode is five digits, a leading 0 included",
        "een Duitse postcode is vijf cijfers, een voorloopnul inbegrepen",
    ),
}
OTHER_POSTCODE_FORM: Final = (
    "it does not have the form the post office of that country uses",
    "hij heeft niet de vorm die de post van dat land gebruikt",
)

ACCOUNT_RULES: Final = (
    (
        "family.no_parent",
        "error",
        "A family without any parent: there is nobody to make the customer of.",
        "The family has no parent, so it has no customer for Exact",
        "Het gezin heeft geen ouder en dus geen klant voor Exact",
        "Add the contract-responsible parent to the family in Bitcare, or merge the family with the one that holds its parents",
        "Voeg in Bitcare de contractverantwoordelijke ouder aan het gezin toe, of voeg het gezin samen met het gezin waar de ouders bij staan",
    ),
    (
        "family.contract_parent_unknown",
        "error",
        "contract_parent_id names no parent of the family, so the debtor is unknown.",
        "The contract-responsible parent {found!r} is not one of the family's parents ({known})",
        "De contractverantwoordelijke ouder {found!r} is geen van de ouders van het gezin ({known})",
        "Choose the contract-responsible parent again in the child's contract in Bitcare",
        "Kies in Bitcare opnieuw de contractverantwoordelijke ouder in het contract van het kind",
    ),
    (
        "family.id_missing",
        "error",
        "A family without an id (empty or blank): its invoices could not name it.",
        "The family has no id (found {found!r}), so no invoice can name it",
        "Het gezin heeft geen id (gevonden: {found!r}), dus geen factuur kan ernaar verwijzen",
        "Fix the export file or the program that wrote it: every family needs the id Bitcare gave it",
        "Herstel het exportbestand of het programma dat het maakte: elk gezin heeft de id nodig die Bitcare het gaf",
    ),
    (
        "family.id_duplicate",
        "error",
        "Two families with one id: invoices cannot tell them apart. Every family with that id is left out.",
        "The family id {found!r} occurs {count} times in the document",
        "De gezins-id {found!r} komt {count} keer voor in het document",
        _IDS_EN,
        _IDS_NL,
    ),
    (
        "parent.id_missing",
        "error",
        "The contract parent has no id (empty or blank), so the customer cannot be told apart from others. A blank id of another parent or of a child is ignored.",
        "The contract-responsible parent has no id (found {found!r})",
        "De contractverantwoordelijke ouder heeft geen id (gevonden: {found!r})",
        "Fix the export file or the program that wrote it: every parent needs the id Bitcare gave them",
        "Herstel het exportbestand of het programma dat het maakte: elke ouder heeft de id nodig die Bitcare hem gaf",
    ),
    (
        "parent.id_duplicate",
        "error",
        "The contract parent's id occurs more than once in the document (the same person would become two customers).",
        "The parent id {found!r} occurs more than once in the document (families {families})",
        "De ouder-id {found!r} komt meer dan één keer voor in het document (gezinnen {families})",
        "Merge the duplicate contact in Bitcare, or fix the program that wrote the export file",
        "Voeg in Bitcare het dubbele contact samen, of herstel het programma dat het exportbestand maakte",
    ),
    (
        "parent.name_missing",
        "error",
        "The contract parent has no last name; Exact requires a customer name.",
        "The last name of the contract-responsible parent is empty (found {found!r})",
        "De achternaam van de contractverantwoordelijke ouder is leeg (gevonden: {found!r})",
        f"{_PROFILE_EN} and fill in the last name",
        f"{_PROFILE_NL} en vul de achternaam in",
    ),
    (
        "parent.language_invalid",
        "warning",
        "The language is not a two-letter ISO 639-1 code; the customer is exported without a language.",
        "The language {found!r} is not a two-letter ISO 639-1 code such as 'nl' or 'en'; it is left out",
        "De taal {found!r} is geen tweeletterige ISO 639-1-code zoals 'nl' of 'en'; hij wordt weggelaten",
        f"{_PROFILE_EN} and choose the language again",
        f"{_PROFILE_NL} en kies de taal opnieuw",
    ),
    (
        "customer_number.missing",
        "warning",
        "No Klantnummer yet: Exact will give the customer the next free number (the usual first load). When the caller requires customer numbers, customer_number.required is reported instead.",
        "The contract-responsible parent has no Klantnummer; Exact will assign one",
        "De contractverantwoordelijke ouder heeft geen klantnummer; Exact kent er een toe",
        f"After the import, copy the number Exact assigned into Bitcare: {_PROFILE_EN[0].lower()}{_PROFILE_EN[1:]}, field 'Klantnummer' under 'Persoonlijke informatie'",
        f"Neem na de import het nummer dat Exact toekende over in Bitcare: {_PROFILE_NL[0].lower()}{_PROFILE_NL[1:]}, veld 'Klantnummer' onder 'Persoonlijke informatie'",
    ),
    (
        "customer_number.required",
        "error",
        "No Klantnummer while the caller requires customer numbers (require_customer_numbers=True, the CLI's --require-customer-numbers): the administration already has its customers, so Exact must not number a new one.",
        "The contract-responsible parent has no Klantnummer, and this export requires one because the Exact administration already has its customers",
        "De contractverantwoordelijke ouder heeft geen klantnummer, en deze export vereist er een omdat de Exact-administratie haar klanten al heeft",
        f"Create the relation in Exact first and copy its number into Bitcare: {_PROFILE_EN[0].lower()}{_PROFILE_EN[1:]}, field 'Klantnummer' under 'Persoonlijke informatie'",
        f"Maak de relatie eerst aan in Exact en neem het nummer over in Bitcare: {_PROFILE_NL[0].lower()}{_PROFILE_NL[1:]}, veld 'Klantnummer' onder 'Persoonlijke informatie'",
    ),
    (
        "customer_number.invalid",
        "error",
        "A Klantnummer that is not 1 to 18 digits: Exact's customer codes are numeric, at most 18 long.",
        "The Klantnummer must be 1 to 18 digits (found {found!r})",
        "Het klantnummer moet uit 1 tot 18 cijfers bestaan (gevonden: {found!r})",
        _NUMBER_EN,
        _NUMBER_NL,
    ),
    (
        "customer_number.leading_zero",
        "warning",
        "A Klantnummer with a leading zero: whether Exact treats 000123 as 123 is unknown.",
        "The Klantnummer {found!r} starts with a zero; Exact may read it as {number!r}",
        "Het klantnummer {found!r} begint met een nul; Exact leest het mogelijk als {number!r}",
        _NUMBER_EN,
        _NUMBER_NL,
    ),
    (
        "customer_number.duplicate",
        "error",
        "One Klantnummer on the contract parents of two families, compared without leading zeros (Exact may read 0101 as 101): the second import would overwrite the first customer. Every family involved is left out.",
        "The Klantnummer {found!r} belongs to more than one family (families {families})",
        "Het klantnummer {found!r} hoort bij meer dan één gezin (gezinnen {families})",
        f"{_NUMBER_EN}; if both are the same person, merge the duplicate contact",
        f"{_NUMBER_NL}; is het dezelfde persoon, voeg dan het dubbele contact samen",
    ),
    (
        "address.missing",
        "warning",
        "The contract parent has no address; the customer is exported without one.",
        "The contract-responsible parent has no address",
        "De contractverantwoordelijke ouder heeft geen adres",
        f"{_PROFILE_EN} and fill in the address",
        f"{_PROFILE_NL} en vul het adres in",
    ),
    (
        "address.incomplete",
        "error",
        "Street, house number, postcode (where the country has postcodes) or city is empty.",
        "The address lacks: {missing}",
        "Aan het adres ontbreekt: {missing_nl}",
        _ADDRESS_EN,
        _ADDRESS_NL,
    ),
    (
        "address.country_invalid",
        "error",
        "The country is not an ISO 3166-1 alpha-2 code (a name such as 'Nederland', or empty); Exact needs the code and would otherwise fall back to its own country.",
        "The country must be a two-letter ISO code such as 'NL', 'BE' or 'DE' (found {found!r})",
        "Het land moet een tweeletterige ISO-code zijn zoals 'NL', 'BE' of 'DE' (gevonden: {found!r})",
        f"{_ADDRESS_EN}: choose the country from the list",
        f"{_ADDRESS_NL}: kies het land uit de lijst",
    ),
    (
        "postcode.invalid",
        "error",
        "The postcode is not valid for the address's country (NL 1234 AB with the first digit not 0 and never the letters SA, SD or SS; BE four digits, the first not 0; DE five digits; others per Google's address data).",
        "The postcode {found!r} is not a valid postcode in {country}: {form}",
        "De postcode {found!r} is geen geldige postcode in {country}: {form_nl}",
        f"{_ADDRESS_EN}: enter the postcode as the post office writes it (NL 1234 AB, BE 4 digits, DE 5 digits) and check the country",
        f"{_ADDRESS_NL}: vul de postcode in zoals de post hem schrijft (NL 1234 AB, BE 4 cijfers, DE 5 cijfers) en controleer het land",
    ),
    (
        "iban.invalid",
        "error",
        "An IBAN with a wrong checksum, length, format or country: Exact and the bank would refuse it.",
        "The IBAN {found!r} is not valid: {reason}",
        "Het IBAN {found!r} is ongeldig: {reason_nl}",
        f"{_BANK_EN}; copy the IBAN from a bank statement",
        f"{_BANK_NL}; neem het IBAN over van een bankafschrift",
    ),
    (
        "bic.invalid",
        "error",
        "A BIC was given that is not a BIC (8 or 11 letters and digits with a valid country).",
        "The BIC {found!r} is not a valid BIC",
        "De BIC {found!r} is geen geldige BIC",
        f"{_BANK_EN}; leave the BIC empty if unknown",
        f"{_BANK_NL}; laat de BIC leeg als hij onbekend is",
    ),
    (
        "bic.mismatch",
        "warning",
        "The given BIC is not the bank the IBAN belongs to (first 8 characters compared with the BIC derived from the IBAN). The given BIC is exported.",
        "The BIC {found!r} does not belong to the bank of IBAN {iban!r}, whose BIC is {derived!r}",
        "De BIC {found!r} hoort niet bij de bank van IBAN {iban!r}; die heeft BIC {derived!r}",
        f"{_BANK_EN}; leave the BIC empty to let it be derived from the IBAN",
        f"{_BANK_NL}; laat de BIC leeg, dan wordt hij uit het IBAN afgeleid",
    ),
    (
        "bank_account.missing",
        "warning",
        "The contract parent has no bank account: the customer is exported, but cannot be collected from by direct debit.",
        "The contract-responsible parent has no bank account, so no direct debit is possible",
        "De contractverantwoordelijke ouder heeft geen bankrekening, dus automatische incasso is niet mogelijk",
        "Open the parent's profile in Bitcare → tab 'Bankrekeningen' and add the bank account with +",
        "Open in Bitcare het profiel van de ouder → tabblad 'Bankrekeningen' en voeg de bankrekening toe met +",
    ),
    (
        "bank_account.duplicate",
        "error",
        "The same IBAN appears twice among the contract parent's bank accounts.",
        "The IBAN {found!r} appears more than once among the parent's bank accounts",
        "Het IBAN {found!r} staat meer dan één keer bij de bankrekeningen van de ouder",
        f"{_BANK_EN}; remove the double entry",
        f"{_BANK_NL}; verwijder de dubbele rekening",
    ),
    (
        "mandate.reference_invalid",
        "error",
        "A mandate reference longer than 35, with a space, a character outside the SEPA set (a-z A-Z 0-9 / - ? : ( ) . , ' +), a leading or trailing '/' or '//'.",
        "The mandate reference {found!r} is not valid: {reason}",
        "De mandaatcode {found!r} is ongeldig: {reason_nl}",
        f"{_MANDATE_EN}; if the account was collected from before, keep the bank's existing reference",
        f"{_MANDATE_NL}; is er al eerder van deze rekening geïncasseerd, houd dan de bestaande code aan",
    ),
    (
        "mandate.reference_duplicate",
        "error",
        "One mandate reference on two mandates (compared without regard to case, as SEPA does). Every family involved is left out.",
        "The mandate reference {found!r} is used more than once (families {families}); references do not differ by upper or lower case",
        "De mandaatcode {found!r} wordt meer dan één keer gebruikt (gezinnen {families}); hoofd- en kleine letters tellen niet als verschil",
        f"{_MANDATE_EN}: every mandate needs its own code",
        f"{_MANDATE_NL}: elk mandaat heeft een eigen code nodig",
    ),
    (
        "mandate.customer_number_missing",
        "warning",
        "A mandate while the customer has no Klantnummer: an Exact mandate must name its customer's code, so the mandate is left out of this file (the customer is exported).",
        "The mandate {found!r} is left out because the parent has no Klantnummer yet",
        "Het mandaat {found!r} wordt weggelaten omdat de ouder nog geen klantnummer heeft",
        f"Import the customers, copy the number Exact assigned into the field 'Klantnummer' ({_PROFILE_EN[0].lower()}{_PROFILE_EN[1:]}), then export the customers again",
        f"Importeer de klanten, neem het nummer dat Exact toekende over in het veld 'Klantnummer' ({_PROFILE_NL[0].lower()}{_PROFILE_NL[1:]}) en exporteer de klanten opnieuw",
    ),
    (
        "email.invalid",
        "error",
        "The e-mail field does not hold exactly one plain address (name@domain.tld).",
        "The e-mail address {found!r} is not one plain e-mail address",
        "Het e-mailadres {found!r} is niet één gewoon e-mailadres",
        f"{_PROFILE_EN} and enter one e-mail address, without name or separators",
        f"{_PROFILE_NL} en vul één e-mailadres in, zonder naam of scheidingstekens",
    ),
)
