"""Catalogue rows for invoices booked as sales entries (*verkoopboekingen*).

Each row: code, severity, meaning, message (en), message (nl), fix (en),
fix (nl). An error keeps the invoice out of the ``GLTransactions`` file; a
warning is reported and the invoice is still booked. The ``settings.*`` rows
concern the export settings of the Exact administration; while one of them
is an error no invoice is booked, and every invoice says so with
``invoice.settings_invalid``.
"""

from __future__ import annotations

from typing import Final


_INVOICE_FIX_EN = "Open the invoice in Bitcare under 'Facturen'"
_INVOICE_FIX_NL = "Open de factuur in Bitcare onder 'Facturen'"
_SETTINGS_FIX_EN = "Enter the code exactly as the Exact administration has it in the export settings ('settings' in the export file)"
_SETTINGS_FIX_NL = "Vul in de exportinstellingen ('settings' in het exportbestand) de code in zoals de Exact-administratie die heeft"

SALES_RULES: Final[tuple[tuple[str, str, str, str, str, str, str], ...]] = (
    (
        "invoice.number_missing",
        "error",
        "An invoice without a number (blank): Exact and the parent could not tell it apart from other invoices.",
        "The invoice has no invoice number (found {found!r})",
        "De factuur heeft geen factuurnummer (gevonden: {found!r})",
        "Export only invoices that were sent: a concept invoice gets its number when it is made final under 'Facturen'",
        "Exporteer alleen verzonden facturen: een conceptfactuur krijgt haar nummer pas als zij onder 'Facturen' definitief wordt gemaakt",
    ),
    (
        "invoice.number_duplicate",
        "error",
        "Two or more invoices with one number (compared without surrounding spaces): Exact refuses a used entry number, so none of them is booked.",
        "The invoice number {found!r} occurs {count} times in this export; none of these invoices is booked",
        "Het factuurnummer {found!r} komt {count} keer voor in deze export; geen van deze facturen wordt geboekt",
        "Look the number up under 'Facturen' and export each invoice once; if credit or correction invoices have their own number series, make sure the series do not overlap ('Facturatie voorbereidingen')",
        "Zoek het nummer op onder 'Facturen' en exporteer elke factuur één keer; hebben credit- of correctiefacturen een eigen nummerreeks, zorg dan dat de reeksen elkaar niet overlappen ('Facturatie voorbereidingen')",
    ),
    (
        "invoice.family_unknown",
        "error",
        "The invoice names a family that is not in the export, so its debtor is unknown.",
        "The invoice is for family {found!r}, which is not in this export",
        "De factuur is voor gezin {found!r}, dat niet in deze export zit",
        "Export the families together with their invoices, or check the contract of the invoice under 'Facturen'",
        "Exporteer de gezinnen samen met hun facturen, of controleer het contract van de factuur onder 'Facturen'",
    ),
    (
        "invoice.customer_number_missing",
        "error",
        "The debtor (the family's contract parent) has no Klantnummer yet, so the entry cannot name its Exact customer; the invoice is never booked on the other parent.",
        "The debtor, parent {parent!r} ({name}), has no Klantnummer yet (found {found!r})",
        "De debiteur, ouder {parent!r} ({name}), heeft nog geen klantnummer (gevonden: {found!r})",
        "Import the customer into Exact first, then type the relation code Exact gave it into the field 'Klantnummer' under 'Persoonlijke informatie' in the parent's profile (tab 'Persoonlijk', the pencil icon)",
        "Importeer de klant eerst in Exact en typ daarna de relatiecode die Exact gaf in het veld 'Klantnummer' onder 'Persoonlijke informatie' in het profiel van de ouder (tab 'Persoonlijk', het potloodje)",
    ),
    (
        "invoice.debtor_invalid",
        "error",
        "The family's customer has errors (or its contract parent cannot be determined), so it is not in Exact as the entry needs.",
        "The customer of family {family!r} has errors ({codes}), so it is not in Exact as this invoice needs",
        "De klant van gezin {family!r} heeft fouten ({codes}), dus staat niet in Exact zoals deze factuur nodig heeft",
        "Fix the customer's problems reported under those codes for this family first; the invoice is booked by the next export",
        "Los eerst de problemen van de klant op die onder die codes voor dit gezin gemeld zijn; de factuur wordt bij de volgende export geboekt",
    ),
    (
        "invoice.no_lines",
        "error",
        "An invoice without lines: an Exact entry needs at least one line (XSD: GLTransactionLine is required).",
        "The invoice has no lines (found {found} lines)",
        "De factuur heeft geen regels (gevonden: {found} regels)",
        _INVOICE_FIX_EN
        + ": an invoice without lines should not have been issued; leave it out of the export or add its lines",
        _INVOICE_FIX_NL
        + ": een factuur zonder regels had niet verstuurd moeten worden; laat haar weg uit de export of vul haar regels aan",
    ),
    (
        "invoice.zero_total",
        "warning",
        "The lines add up to 0.00; the invoice is still booked, as an entry of 0.00.",
        "The lines of the invoice add up to {found}",
        "De regels van de factuur tellen op tot {found}",
        "Nothing to do if that is intended; otherwise check the invoice's lines under 'Facturen'",
        "Niets te doen als dat zo bedoeld is; controleer anders de regels van de factuur onder 'Facturen'",
    ),
    (
        "invoice.due_before_date",
        "warning",
        "The due date lies before the invoice date; the invoice is still booked with both dates.",
        "The due date {found} is before the invoice date {date}",
        "De vervaldatum {found} ligt voor de factuurdatum {date}",
        _INVOICE_FIX_EN
        + " and check its due date and the payment term in 'Facturatie voorbereidingen'",
        _INVOICE_FIX_NL
        + " en controleer de vervaldatum en de betaaltermijn in 'Facturatie voorbereidingen'",
    ),
    (
        "invoice.direct_debit_without_mandate",
        "error",
        "The invoice is to be collected by direct debit, but the debtor has no bank account with a mandate.",
        "The invoice is paid by direct debit, but the debtor, parent {parent!r} ({name}), has no bank account with a mandate (found {found} bank accounts)",
        "De factuur wordt automatisch geïncasseerd, maar de debiteur, ouder {parent!r} ({name}), heeft geen bankrekening met een machtiging (gevonden: {found} bankrekeningen)",
        "Enter the mandate code on the contract parent's bank account (profile, tab 'Bankrekeningen'), or change the invoice's payment method to bank transfer under 'Facturen'",
        "Vul de mandaatcode in bij de bankrekening van de contractverantwoordelijke ouder (profiel, tab 'Bankrekeningen'), of zet de betaalwijze van de factuur onder 'Facturen' op overschrijving",
    ),
    (
        "invoice.settings_invalid",
        "error",
        "The export settings have errors, so no invoice is booked until they are fixed.",
        "The invoice is not booked because the export settings have errors ({codes})",
        "De factuur wordt niet geboekt omdat de exportinstellingen fouten hebben ({codes})",
        "Correct the export settings reported at $.settings; the invoice itself may be fine",
        "Corrigeer de exportinstellingen die bij $.settings gemeld zijn; de factuur zelf kan in orde zijn",
    ),
    (
        "line.amount_invalid",
        "error",
        "An amount that is not a whole number of cents: more than two decimals, not finite (NaN, Infinity), or implausibly large (a trillion or more).",
        "The amount must be a finite number with at most two decimals and below 1000000000000 (found {found!r})",
        "Het bedrag moet een eindig getal zijn met hoogstens twee decimalen en kleiner dan 1000000000000 (gevonden: {found!r})",
        _INVOICE_FIX_EN
        + " and correct the amount of the line (or the price in 'Prijslijst')",
        _INVOICE_FIX_NL
        + " en corrigeer het bedrag van de regel (of de prijs in de 'Prijslijst')",
    ),
    (
        "line.gl_account_missing",
        "error",
        "Neither the line nor the export settings give a revenue ledger account (grootboekrekening); Exact requires one on every line.",
        "The line has no ledger account, and the export settings give no default (found {found!r})",
        "De regel heeft geen grootboekrekening en de exportinstellingen geven geen standaard (gevonden: {found!r})",
        "Set the ledger account of the product in Bitcare, or give a default 'gl_account' in the export settings",
        "Stel de grootboekrekening van het product in Bitcare in, of geef een standaard 'gl_account' in de exportinstellingen",
    ),
    (
        "line.vat_code_missing",
        "error",
        "Neither the line nor the export settings give a VAT code; every line carries an explicit code (childcare: the administration's exempt code).",
        "The line has no VAT code, and the export settings give no default (found {found!r})",
        "De regel heeft geen btw-code en de exportinstellingen geven geen standaard (gevonden: {found!r})",
        "Set the VAT code of the product in Bitcare, or give a default 'vat_code' in the export settings",
        "Stel de btw-code van het product in Bitcare in, of geef een standaard 'vat_code' in de exportinstellingen",
    ),
    (
        "line.child_unknown",
        "warning",
        "The line names a child that is not a child of the invoiced family; the line is still booked (the child is not part of the entry).",
        "The line is for child {found!r}, who is not a child of family {family!r}",
        "De regel is voor kind {found!r}, dat geen kind is van gezin {family!r}",
        _INVOICE_FIX_EN
        + " and check the child of the line and the contract it was invoiced under",
        _INVOICE_FIX_NL
        + " en controleer het kind van de regel en het contract waarop gefactureerd is",
    ),
    (
        "settings.journal_missing",
        "error",
        "The export settings give no sales journal (verkoopboek) code; Exact refuses an entry without journal.",
        "The export settings give no sales journal code (found {found!r})",
        "De exportinstellingen geven geen code van het verkoopboek (gevonden: {found!r})",
        _SETTINGS_FIX_EN,
        _SETTINGS_FIX_NL,
    ),
    (
        "settings.currency_invalid",
        "error",
        "The currency is not an ISO 4217 currency code (three letters; lower case is accepted and written in upper case).",
        "The currency must be an ISO 4217 code such as 'EUR' (found {found!r})",
        "De valuta moet een ISO 4217-code zijn, zoals 'EUR' (gevonden: {found!r})",
        _SETTINGS_FIX_EN,
        _SETTINGS_FIX_NL,
    ),
)
