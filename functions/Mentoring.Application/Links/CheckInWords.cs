namespace Mentoring.Application.Links;

/// <summary>What the check-in pages say, in the reader's language (the one their emails are in), English and German side by side.</summary>
internal sealed record CheckInWords(string Language)
{
    public static readonly string[] Languages = ["en", "de"];

    private bool German => Language == "de";

    public string DidYouMeet => German ? "Haben Sie sich getroffen?" : "Did you meet?";

    public string ConfirmMet =>
        German ? "Bestätigen Sie, dass Ihr Mentoring-Treffen stattgefunden hat. Ein Klick genügt, und die Übersicht Ihres Paars stimmt."
            : "Confirm that your mentoring meeting took place. It takes one click and keeps your pair's record right.";

    public string YesWeMet => German ? "Ja, wir haben uns getroffen" : "Yes, we met";

    public string HadToMoveIt => German ? "Mussten Sie es verschieben?" : "Had to move it?";

    public string TellUsWhy =>
        German ? "Ganz ohne Vorwurf: Sagen Sie uns, warum, damit das Programm aus dem Weg räumen kann, was dazwischenkommt."
            : "No judgement: tell us why, so the program can remove what gets in the way.";

    public string RecordIt => German ? "Festhalten" : "Record it";

    public string Reason(string reason) => (reason, German) switch
    {
        ("deadline", true) => "Eine Frist kam dazwischen",
        ("deadline", false) => "A deadline got in the way",
        ("travel", true) => "Einer von uns war unterwegs",
        ("travel", false) => "One of us was travelling",
        ("illness", true) => "Einer von uns war krank",
        ("illness", false) => "One of us was ill",
        (_, true) => "Etwas anderes",
        _ => "Something else",
    };

    public string WhenWillYouMeet => German ? "Wann treffen Sie sich?" : "When will you meet?";

    public string EnterTheTime(string zone) =>
        German ? $"Geben Sie Datum und Uhrzeit ein, die Sie vereinbart haben, in Ihrer eigenen Zeitzone ({zone})."
            : $"Enter the date and time you booked, in your own time zone ({zone}).";

    public string RecordNextMeeting => German ? "Unser nächstes Treffen festhalten" : "Record our next meeting";

    public string ThankYou => German ? "Danke" : "Thank you";

    public string AlreadyRecorded => German ? "Das hatten wir schon festgehalten. Sonst ist nichts zu tun." : "We had already recorded this. Nothing else to do.";

    public string Recorded => German ? "Festgehalten. Danke, dass Sie sich die Zeit fürs Mentoring nehmen." : "Recorded. Thank you for keeping your mentoring time.";

    public (string Title, string Detail) PairGone =>
        German ? ("Dieses Paar gibt es nicht mehr.", "Es gibt nichts mehr festzuhalten.") : ("This pair no longer exists.", "There is nothing left to record.");

    public (string Title, string Detail) ChooseAReason =>
        German ? ("Bitte wählen Sie einen Grund.", "Einer von: deadline, travel, illness, other.") : ("Please choose a reason.", "One of: deadline, travel, illness, other.");

    public (string Title, string Detail) GiveATime =>
        German ? ("Bitte geben Sie Datum und Uhrzeit an.", "Zum Beispiel 2026-03-12T10:00.") : ("Please give a date and time.", "For example 2026-03-12T10:00.");

    public (string Title, string Detail) OutOfRange =>
        German ? ("Dieses Datum liegt außerhalb des Möglichen.", "Geben Sie ein Treffen in den nächsten sechs Monaten an.")
            : ("That date is out of range.", "Give a meeting within the next six months.");
}
