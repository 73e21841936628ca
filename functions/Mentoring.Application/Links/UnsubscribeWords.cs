using Mentoring.Engine.Messages;

namespace Mentoring.Application.Links;

/// <summary>
/// What the unsubscribe pages say, in the reader's language (the one their emails are in), English and German side by
/// side. <paramref name="Program"/> is the program's name.
/// </summary>
internal sealed record UnsubscribeWords(string Language, string Program)
{
    public static readonly string[] Languages = ["en", "de"];

    private bool German => Language == "de";

    public string WhichShouldStop => German ? "Welche E-Mails sollen aufhören?" : "Which emails should stop?";

    public string TickWhat =>
        German ? $"Kreuzen Sie an, was Sie von {Program} nicht mehr erhalten möchten; entfernen Sie das Häkchen bei dem, was Sie wieder möchten."
            : $"Tick what you no longer want from {Program}; untick what you want back.";

    public string SaveMyChoice => German ? "Meine Auswahl speichern" : "Save my choice";

    public string BookingEmailsStill =>
        German ? "E-Mails zu einem Treffen, das Sie oder Ihr Gegenüber über die Buchungsseite vereinbaren, erhalten Sie weiterhin, solange Sie nicht alles abbestellen."
            : "Emails about a meeting you or your partner book through the booking page still reach you unless you stop everything.";

    public (string Title, string Detail) UnknownKind(string names) =>
        German ? ("Diese E-Mail-Art gibt es bei uns nicht.", $"Wählen Sie unter: {names}.") : ("That is not one of our kinds of email.", $"Choose among: {names}.");

    public string ChangeWhatYouGet => German ? "Ändern, was Sie erhalten" : "Change what you get";

    public string EveryEmailAgain => German ? "Sie erhalten wieder alle E-Mails" : "You get every email again";

    public string KeepYouPosted => German ? $"Danke: {Program} hält Sie auf dem Laufenden." : $"Thank you: {Program} will keep you posted.";

    public string Unsubscribed(bool fromAll) => (fromAll, German) switch
    {
        (true, true) => "Sie sind abgemeldet",
        (true, false) => "You are unsubscribed",
        (false, true) => "Sie sind von einigen E-Mails abgemeldet",
        _ => "You are unsubscribed from some emails",
    };

    public string Stopped(IEnumerable<string> labels) => (German ? "Abbestellt: " : "Stopped: ") + string.Join("; ", labels) + ".";

    public string StillComing(IEnumerable<string> labels) => (German ? "Weiterhin: " : "Still coming: ") + string.Join("; ", labels) + ".";

    public string NoMoreEmails =>
        German ? $"Sie erhalten keine E-Mails mehr von {Program}. Braucht Ihr Paar Hilfe, erfahren es stattdessen die Verantwortlichen des Programms."
            : $"You will get no more emails from {Program}. If your pair needs help, the program's admins will hear instead.";

    public string Label(EmailKinds kind) => (kind, German) switch
    {
        (EmailKinds.Ladder, true) => "Erinnerungen, wenn Ihr Paar sich nicht trifft",
        (EmailKinds.Ladder, false) => "Reminders when your pair has not met",
        (EmailKinds.Campaign, true) => "Die E-Mails des Programms im Lauf des Zyklus",
        (EmailKinds.Campaign, false) => "The program's emails through the cycle",
        (_, true) => "Erinnerungen an Treffen",
        _ => "Meeting reminders",
    };

    public string Describe(EmailKinds kind) => (kind, German) switch
    {
        (EmailKinds.Ladder, true) => "Ein Anstoß, wenn ein Treffen überfällig ist, spätere Hinweise, wenn es so bleibt, und ein Dankeschön, wenn Sie sich treffen.",
        (EmailKinds.Ladder, false) => "A nudge when a meeting is overdue, later notes if it stays that way, and a thank-you when you meet.",
        (EmailKinds.Campaign, true) => "Vor dem Start, zum Start, Ihr erstes Treffen, zur Halbzeit und zum Abschluss.",
        (EmailKinds.Campaign, false) => "Before launch, launch, your first meeting, mid-cycle and close.",
        (_, true) => "Eine Erinnerung vor jedem Treffen, das Sie gebucht haben.",
        _ => "A reminder before each meeting you have booked.",
    };
}
