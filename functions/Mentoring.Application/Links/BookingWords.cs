namespace Mentoring.Application.Links;

/// <summary>
/// What the booking page says, in the reader's language (the one their emails are in): English and German side by side,
/// so a sentence added to one is added to the other. <paramref name="Partner"/> is the partner's first name.
/// </summary>
internal sealed record BookingWords(string Language, string Partner)
{
    public static readonly string[] Languages = ["en", "de"];

    private bool German => Language == "de";

    public string TitleToBook => German ? "Ihr nächstes Mentoring-Treffen buchen" : "Book your next mentoring meeting";

    public string TitleBooked => German ? "Ihr nächstes Mentoring-Treffen" : "Your next mentoring meeting";

    public string IsBooked(string when) =>
        German ? $"Ihr nächstes Treffen mit {Partner} ist gebucht: {when}." : $"Your next meeting with {Partner} is booked: {when}.";

    public string ToMove =>
        German ? "Um es zu verschieben, wählen Sie unten eine andere Zeit: Sie beide erhalten die geänderte Einladung."
            : "To move it, choose another time below: both of you get the updated invitation.";

    public string ChooseATime =>
        German ? $"Wählen Sie eine Zeit für Ihr nächstes Treffen mit {Partner}. Sie beide erhalten eine Kalendereinladung."
            : $"Choose a time for your next meeting with {Partner}. Both of you get a calendar invitation.";

    public string CalendarShows(string when) =>
        German ? $"Ihr Kalender zeigt bereits ein Treffen mit {Partner} am {when}." : $"Your calendar already shows a meeting with {Partner} on {when}.";

    public string TimesThatSuit => German ? "Zeiten, die Ihnen beiden passen" : "Times that suit you both";

    public string NoOverlap =>
        German ? "Ihre Arbeitszeiten überschneiden sich in den kommenden Wochen nicht. Wählen Sie unten eine Zeit."
            : "Your working hours and your partner's do not overlap in the coming weeks. Pick a time below.";

    public string ProposalsAre(string zone) =>
        German ? $"Innerhalb Ihrer beider Arbeitszeiten und frei von schon gebuchten Treffen. Die Zeiten sind Ihre ({zone})."
            : $"Inside both your working hours, clear of meetings already booked. Times are yours ({zone}).";

    public string SameTimeForPartner => German ? $"bei {Partner} dieselbe Uhrzeit" : $"the same time for {Partner}";

    public string PartnersTime(string time) => German ? $"bei {Partner} {time}" : $"{time} for {Partner}";

    public string AnotherTime => German ? "Eine andere Zeit" : "Another time";

    public string DateAndTime(string zone) => German ? $"Datum und Uhrzeit, Ihre Zeit ({zone})" : $"Date and time, your time ({zone})";

    public string BookThisTime => German ? "Diese Zeit buchen" : "Book this time";

    public string MoveToThisTime => German ? "Auf diese Zeit verschieben" : "Move to this time";

    public string CantMakeIt => German ? "Sie können doch nicht?" : "Can't make it?";

    public string CancelTheMeeting => German ? "Treffen absagen" : "Cancel the meeting";

    /// <summary>The page after a POST: its title and sentence for booked, moved, cancelled or already booked.</summary>
    public (string Title, string Text) Done(string status, string when) => (status, German) switch
    {
        ("booked", true) => ("Gebucht", $"Ihr Treffen mit {Partner} ist gebucht: {when}. Sie beide erhalten eine Kalendereinladung per E-Mail."),
        ("booked", false) => ("Booked", $"Your meeting with {Partner} is booked: {when}. You both get a calendar invitation by email."),
        ("moved", true) => ("Verschoben", $"Ihr Treffen mit {Partner} ist jetzt am {when}. Sie beide erhalten die geänderte Einladung per E-Mail."),
        ("moved", false) => ("Moved", $"Your meeting with {Partner} is now {when}. You both get the updated invitation by email."),
        ("cancelled", true) => ("Abgesagt", $"Ihr Treffen mit {Partner} am {when} ist abgesagt. Sie beide erhalten die Absage per E-Mail."),
        ("cancelled", false) => ("Cancelled", $"Your meeting with {Partner} on {when} is cancelled. You both get the cancellation by email."),
        (_, true) => ("Bereits gebucht", $"Ihr Treffen mit {Partner} ist für {when} gebucht. Sonst ist nichts zu tun."),
        _ => ("Already booked", $"Your meeting with {Partner} is booked for {when}. Nothing else to do."),
    };

    public string NotEveryoneInvited =>
        German ? "Nicht alle erhalten E-Mails vom Programm, also nicht alle die Einladung: Bitte sagen Sie selbst Bescheid."
            : "Not everyone takes email from the program, so not everyone gets the invitation: please tell your partner yourself.";

    public (string Title, string Detail) NotActive =>
        German ? ("Dieses Paar ist nicht aktiv.", "Das Programm hat es pausiert oder beendet: Es gibt nichts zu buchen.")
            : ("This pair is not active.", "The program paused or ended it: there is nothing to book.");

    public (string Title, string Detail) NothingToCancel =>
        German ? ("Nichts abzusagen.", "Es ist kein gebuchtes Treffen vorgesehen.") : ("Nothing to cancel.", "No booked meeting is ahead.");

    public (string Title, string Detail) ChooseATimeRefusal =>
        German ? ("Bitte wählen Sie eine Zeit.", "Geben Sie start als Datum und Uhrzeit an, z. B. 2026-03-12T10:00 (Ihre Zeit) oder 2026-03-12T09:00:00Z.")
            : ("Please choose a time.", "Give start as a date and time, e.g. 2026-03-12T10:00 (your time) or 2026-03-12T09:00:00Z.");

    public (string Title, string Detail) OutOfRange =>
        German ? ("Diese Zeit liegt außerhalb des Möglichen.", "Wählen Sie eine Zeit zwischen einigen Minuten und sechs Monaten von jetzt an.")
            : ("That time is out of range.", "Choose a time from a few minutes from now to six months ahead.");

    /// <summary>The partner's name as the page says it: the first name, or a word for them when none is on record.</summary>
    public static string FirstName(string displayName, string language) =>
        displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? (language == "de" ? "Ihrem Gegenüber" : "your partner");
}
