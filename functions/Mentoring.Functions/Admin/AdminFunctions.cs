using Mentoring.Application.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Mentoring.Functions.Admin;

/// <summary>The admin API: one thin adapter per route of <see cref="AdminEndpoints"/>; auth and scope live in the handlers.</summary>
internal static class AdminFunctions
{
    [Function(nameof(AdminEndpoints.ListPrograms))]
    public static Task<IResult> ListPrograms([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Programs)] HttpRequest request) =>
        AdminEndpoints.ListPrograms.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.CreateProgram))]
    public static Task<IResult> CreateProgram([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Programs)] HttpRequest request) =>
        AdminEndpoints.CreateProgram.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.GetProgram))]
    public static Task<IResult> GetProgram([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Program)] HttpRequest request) =>
        AdminEndpoints.GetProgram.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.UpdateProgram))]
    public static Task<IResult> UpdateProgram([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = AdminRoutes.Program)] HttpRequest request) =>
        AdminEndpoints.UpdateProgram.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ListCycles))]
    public static Task<IResult> ListCycles([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Cycles)] HttpRequest request) =>
        AdminEndpoints.ListCycles.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.CreateCycle))]
    public static Task<IResult> CreateCycle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Cycles)] HttpRequest request) =>
        AdminEndpoints.CreateCycle.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.RollCycle))]
    public static Task<IResult> RollCycle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.RollCycle)] HttpRequest request) =>
        AdminEndpoints.RollCycle.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ListParticipants))]
    public static Task<IResult> ListParticipants([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Participants)] HttpRequest request) =>
        AdminEndpoints.ListParticipants.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.GetParticipant))]
    public static Task<IResult> GetParticipant([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Participant)] HttpRequest request) =>
        AdminEndpoints.GetParticipant.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.PutParticipant))]
    public static Task<IResult> PutParticipant([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = AdminRoutes.Participant)] HttpRequest request) =>
        AdminEndpoints.PutParticipant.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ErasePerson))]
    public static Task<IResult> ErasePerson([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = AdminRoutes.Participant)] HttpRequest request) =>
        AdminEndpoints.ErasePerson.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ExportPerson))]
    public static Task<IResult> ExportPerson([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.ParticipantExport)] HttpRequest request) =>
        AdminEndpoints.ExportPerson.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ImportParticipants))]
    public static Task<IResult> ImportParticipants([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.ParticipantImport)] HttpRequest request) =>
        AdminEndpoints.ImportParticipants.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ListPairs))]
    public static Task<IResult> ListPairs([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Pairs)] HttpRequest request) =>
        AdminEndpoints.ListPairs.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.CreatePair))]
    public static Task<IResult> CreatePair([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Pairs)] HttpRequest request) =>
        AdminEndpoints.CreatePair.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.GetPair))]
    public static Task<IResult> GetPair([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Pair)] HttpRequest request) =>
        AdminEndpoints.GetPair.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.PausePair))]
    public static Task<IResult> PausePair([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.PairPause)] HttpRequest request) =>
        AdminEndpoints.PausePair.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ResumePair))]
    public static Task<IResult> ResumePair([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.PairResume)] HttpRequest request) =>
        AdminEndpoints.ResumePair.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.EndPair))]
    public static Task<IResult> EndPair([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.PairEnd)] HttpRequest request) =>
        AdminEndpoints.EndPair.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.LogMeeting))]
    public static Task<IResult> LogMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.PairMeetings)] HttpRequest request) =>
        AdminEndpoints.LogMeeting.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.PairTimeline))]
    public static Task<IResult> PairTimeline([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.PairTimeline)] HttpRequest request) =>
        AdminEndpoints.PairTimeline.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ImportPairs))]
    public static Task<IResult> ImportPairs([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.PairImport)] HttpRequest request) =>
        AdminEndpoints.ImportPairs.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ProgramHealth))]
    public static Task<IResult> ProgramHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.ProgramHealth)] HttpRequest request) =>
        AdminEndpoints.ProgramHealth.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ProgramHealthHistory))]
    public static Task<IResult> ProgramHealthHistory([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.ProgramHealthHistory)] HttpRequest request) =>
        AdminEndpoints.ProgramHealthHistory.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.AtRisk))]
    public static Task<IResult> AtRisk([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.AtRisk)] HttpRequest request) =>
        AdminEndpoints.AtRisk.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.PreviewMessage))]
    public static Task<IResult> PreviewMessage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Preview)] HttpRequest request) =>
        AdminEndpoints.PreviewMessage.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.GetTemplate))]
    public static Task<IResult> GetTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Template)] HttpRequest request) =>
        AdminEndpoints.GetTemplate.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.PutTemplate))]
    public static Task<IResult> PutTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = AdminRoutes.Template)] HttpRequest request) =>
        AdminEndpoints.PutTemplate.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.DeleteTemplate))]
    public static Task<IResult> DeleteTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = AdminRoutes.Template)] HttpRequest request) =>
        AdminEndpoints.DeleteTemplate.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.Outbox))]
    public static Task<IResult> Outbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Outbox)] HttpRequest request) =>
        AdminEndpoints.Outbox.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ListSubscriptions))]
    public static Task<IResult> ListSubscriptions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Subscriptions)] HttpRequest request) =>
        AdminEndpoints.ListSubscriptions.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.CreateSubscription))]
    public static Task<IResult> CreateSubscription([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Subscriptions)] HttpRequest request) =>
        AdminEndpoints.CreateSubscription.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.DeleteSubscription))]
    public static Task<IResult> DeleteSubscription([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = AdminRoutes.Subscription)] HttpRequest request) =>
        AdminEndpoints.DeleteSubscription.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.SubscriptionDeliveries))]
    public static Task<IResult> SubscriptionDeliveries([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.SubscriptionDeliveries)] HttpRequest request) =>
        AdminEndpoints.SubscriptionDeliveries.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.TestSubscription))]
    public static Task<IResult> TestSubscription([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.SubscriptionTest)] HttpRequest request) =>
        AdminEndpoints.TestSubscription.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ListCalendars))]
    public static Task<IResult> ListCalendars([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Calendars)] HttpRequest request) =>
        AdminEndpoints.ListCalendars.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ConnectCalendar))]
    public static Task<IResult> ConnectCalendar([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Calendars)] HttpRequest request) =>
        AdminEndpoints.ConnectCalendar.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.DisconnectCalendar))]
    public static Task<IResult> DisconnectCalendar([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = AdminRoutes.Calendar)] HttpRequest request) =>
        AdminEndpoints.DisconnectCalendar.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ListPoison))]
    public static Task<IResult> ListPoison([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Poison)] HttpRequest request) =>
        AdminEndpoints.ListPoison.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ReplayPoison))]
    public static Task<IResult> ReplayPoison([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.PoisonReplay)] HttpRequest request) =>
        AdminEndpoints.ReplayPoison.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.ListKeys))]
    public static Task<IResult> ListKeys([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Keys)] HttpRequest request) =>
        AdminEndpoints.ListKeys.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.CreateKey))]
    public static Task<IResult> CreateKey([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Keys)] HttpRequest request) =>
        AdminEndpoints.CreateKey.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.RevokeKey))]
    public static Task<IResult> RevokeKey([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = AdminRoutes.Key)] HttpRequest request) =>
        AdminEndpoints.RevokeKey.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.OpenApiDocument))]
    public static Task<IResult> OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.OpenApi)] HttpRequest request) =>
        AdminEndpoints.OpenApiDocument.Endpoint.Handle(request.HttpContext);

    [Function(nameof(AdminEndpoints.Dashboard))]
    public static Task<IResult> Dashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Dashboard)] HttpRequest request) =>
        AdminEndpoints.Dashboard.Handle(request.HttpContext);
}
