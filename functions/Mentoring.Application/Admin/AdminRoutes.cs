namespace Mentoring.Application.Admin;

/// <summary>The admin API's routes (under <c>/api</c>; the Functions host reserves <c>admin/…</c>).</summary>
public static class AdminRoutes
{
    public const string Programs = "programs";
    public const string Program = "programs/{programId}";
    public const string Cycles = "programs/{programId}/cycles";
    public const string RollCycle = "programs/{programId}/next-cycle";
    public const string Participants = "programs/{programId}/participants";
    public const string Participant = "programs/{programId}/participants/{participantId}";
    public const string ParticipantExport = "programs/{programId}/participants/{participantId}/export";
    public const string ParticipantImport = "programs/{programId}/participant-imports";
    public const string Pairs = "programs/{programId}/pairs";
    public const string Pair = "programs/{programId}/pairs/{pairId}";
    public const string PairPause = "programs/{programId}/pairs/{pairId}/pause";
    public const string PairResume = "programs/{programId}/pairs/{pairId}/resume";
    public const string PairEnd = "programs/{programId}/pairs/{pairId}/end";
    public const string PairMeetings = "programs/{programId}/pairs/{pairId}/meetings";
    public const string PairTimeline = "programs/{programId}/pairs/{pairId}/timeline";
    public const string PairImport = "programs/{programId}/pair-imports";
    public const string ProgramHealth = "programs/{programId}/health";
    public const string ProgramHealthHistory = "programs/{programId}/health/history";
    public const string AtRisk = "programs/{programId}/at-risk";
    public const string Preview = "programs/{programId}/previews/{templateId}";
    public const string Template = "programs/{programId}/templates/{templateId}";
    public const string Outbox = "programs/{programId}/outbox";
    public const string Subscriptions = "programs/{programId}/subscriptions";
    public const string Subscription = "programs/{programId}/subscriptions/{subscriptionId}";
    public const string SubscriptionDeliveries = "programs/{programId}/subscriptions/{subscriptionId}/deliveries";
    public const string SubscriptionTest = "programs/{programId}/subscriptions/{subscriptionId}/test";
    public const string Calendars = "programs/{programId}/calendars";
    public const string Calendar = "programs/{programId}/calendars/{connectionId}";
    public const string Poison = "queues/{queue}/poison";
    public const string PoisonReplay = "queues/{queue}/poison/{messageId}/replay";
    public const string Keys = "keys";
    public const string Key = "keys/{keyId}";
    public const string OpenApi = "openapi.json";
    public const string Dashboard = "dashboard";
}
