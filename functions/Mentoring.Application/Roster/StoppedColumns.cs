using Azure.Data.Tables;
using Mentoring.Engine.Messages;

namespace Mentoring.Application.Roster;

/// <summary>
/// How a participant row says which kinds of email they take no more: <c>Suppressed</c> (bool) for all of them — what
/// every row written before unsubscribe by kind says — and <c>Unsubscribed</c> ("ladder,campaign") for some. A row
/// without <c>Unsubscribed</c> stops nothing more than its <c>Suppressed</c> says, so old rows need no migration.
/// </summary>
internal static class StoppedColumns
{
    public const string Suppressed = "Suppressed";
    public const string Unsubscribed = "Unsubscribed";

    public static EmailKinds Stopped(bool suppressed, EmailKinds unsubscribed) => suppressed ? EmailKinds.All : unsubscribed & EmailKinds.All;

    /// <summary>The <c>Unsubscribed</c> value: "" when everything (or nothing) is stopped.</summary>
    public static string Partial(bool suppressed, EmailKinds unsubscribed) =>
        Stopped(suppressed, unsubscribed) is var stopped && stopped == EmailKinds.All ? "" : EmailKindNames.Format(stopped);

    public static EmailKinds UnsubscribedOf(TableEntity e) => EmailKindNames.Parse(e.GetString(Unsubscribed));

    public static void Write(TableEntity row, EmailKinds stopped)
    {
        row[Suppressed] = stopped == EmailKinds.All;
        row[Unsubscribed] = Partial(false, stopped);
    }
}
