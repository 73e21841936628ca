namespace Mentoring.Application.Outbox.Rendering;

/// <summary>Links the email offers, already signed by the caller. Empty when a template's recipient has no such action.</summary>
/// <param name="CheckIn">"We met": confirms the last meeting was held.</param>
/// <param name="Postponed">"We postponed — why": records the reason.</param>
/// <param name="BookNext">The booking page (<c>/api/book/{token}</c>): proposes times and sends both an invitation.</param>
/// <param name="Unsubscribe">The visible unsubscribe page (which confirms with a POST).</param>
/// <param name="OneClickUnsubscribe">The RFC 8058 one-click POST target for the List-Unsubscribe header.</param>
/// <param name="Dashboard">The admin dashboard (pair timeline or program health), for sponsor and admin emails.</param>
public sealed record EmailLinks(
    string CheckIn = "",
    string Postponed = "",
    string BookNext = "",
    string Unsubscribe = "",
    string OneClickUnsubscribe = "",
    string Dashboard = "");
