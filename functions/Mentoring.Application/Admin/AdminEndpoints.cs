using Mentoring.Application.Admin.ApiKeys;
using Mentoring.Application.Admin.Calendars;
using Mentoring.Application.Admin.Dashboard;
using Mentoring.Application.Admin.Import;
using Mentoring.Application.Admin.OpenApi;
using Mentoring.Application.Admin.Pairs;
using Mentoring.Application.Admin.Participants;
using Mentoring.Application.Admin.Poison;
using Mentoring.Application.Admin.Privacy;
using Mentoring.Application.Admin.Programs;
using Mentoring.Application.Admin.Reading;
using Mentoring.Application.Admin.Templates;
using Mentoring.Application.Hosting;
using Mentoring.Application.Integration.Subscriptions;
using static Mentoring.Application.Admin.AdminEndpoint;
using static Microsoft.AspNetCore.Http.HttpMethods;

namespace Mentoring.Application.Admin;

/// <summary>The admin API: every route authenticated and checked against the caller's programs (<see cref="AdminEndpoint"/>).</summary>
public static class AdminEndpoints
{
    public static AdminRoute ListPrograms { get; } = Define(nameof(ListPrograms), Get, AdminRoutes.Programs, AdminAccess.Read, "The programs the caller can see.", ProgramHandlers.ListAsync);
    public static AdminRoute CreateProgram { get; } = Define(nameof(CreateProgram), Post, AdminRoutes.Programs, AdminAccess.Operator, "Create a program.", ProgramHandlers.CreateAsync, "ProgramBody");
    public static AdminRoute GetProgram { get; } = Define(nameof(GetProgram), Get, AdminRoutes.Program, AdminAccess.Read, "A program with its effective policy.", ProgramHandlers.GetAsync);
    public static AdminRoute UpdateProgram { get; } = Define(nameof(UpdateProgram), Put, AdminRoutes.Program, AdminAccess.Write, "Replace a program's settings.", ProgramHandlers.UpdateAsync, "ProgramBody");
    public static AdminRoute ListCycles { get; } = Define(nameof(ListCycles), Get, AdminRoutes.Cycles, AdminAccess.Read, "A program's cycles.", ProgramHandlers.ListCyclesAsync);
    public static AdminRoute CreateCycle { get; } = Define(nameof(CreateCycle), Post, AdminRoutes.Cycles, AdminAccess.Write, "Add a cycle (current by default).", ProgramHandlers.CreateCycleAsync, "CycleBody");
    public static AdminRoute RollCycle { get; } = Define(nameof(RollCycle), Post, AdminRoutes.RollCycle, AdminAccess.Write, "Roll a recurring program into its next cycle; re-enrol the pairs that opted in.", ProgramHandlers.RollAsync, "RollBody");
    public static AdminRoute ListParticipants { get; } = Define(nameof(ListParticipants), Get, AdminRoutes.Participants, AdminAccess.Read, "A page of participants (pageSize, continuationToken).", ParticipantHandlers.ListAsync);
    public static AdminRoute GetParticipant { get; } = Define(nameof(GetParticipant), Get, AdminRoutes.Participant, AdminAccess.Read, "One participant.", ParticipantHandlers.GetAsync);
    public static AdminRoute PutParticipant { get; } = Define(nameof(PutParticipant), Put, AdminRoutes.Participant, AdminAccess.Write, "Create or replace a participant.", ParticipantHandlers.PutAsync, "ParticipantBody");
    public static AdminRoute ErasePerson { get; } = Define(nameof(ErasePerson), Delete, AdminRoutes.Participant, AdminAccess.Write, "Erase a person (GDPR art. 17); the suppression hash is kept.", PrivacyHandlers.EraseAsync);
    public static AdminRoute ExportPerson { get; } = Define(nameof(ExportPerson), Get, AdminRoutes.ParticipantExport, AdminAccess.Read, "Everything stored about a person (GDPR art. 15/20).", PrivacyHandlers.ExportAsync);
    public static AdminRoute ImportParticipants { get; } = Define(nameof(ImportParticipants), Post, AdminRoutes.ParticipantImport, AdminAccess.Write, "Import participants from CSV (?mode=partial).", CsvImport.ParticipantsAsync, "participants.csv", "text/csv");
    public static AdminRoute ListPairs { get; } = Define(nameof(ListPairs), Get, AdminRoutes.Pairs, AdminAccess.Read, "A page of pairs with their last evaluation.", PairHandlers.ListAsync);
    public static AdminRoute CreatePair { get; } = Define(nameof(CreatePair), Post, AdminRoutes.Pairs, AdminAccess.Write, "Create a pair.", PairHandlers.CreateAsync, "PairBody");
    public static AdminRoute GetPair { get; } = Define(nameof(GetPair), Get, AdminRoutes.Pair, AdminAccess.Read, "One pair.", PairHandlers.GetAsync);
    public static AdminRoute PausePair { get; } = Define(nameof(PausePair), Post, AdminRoutes.PairPause, AdminAccess.Write, "Pause a pair (reason, resume date).", PairHandlers.PauseAsync, "PauseBody");
    public static AdminRoute ResumePair { get; } = Define(nameof(ResumePair), Post, AdminRoutes.PairResume, AdminAccess.Write, "Resume a paused pair.", PairHandlers.ResumeAsync);
    public static AdminRoute EndPair { get; } = Define(nameof(EndPair), Post, AdminRoutes.PairEnd, AdminAccess.Write, "End a pair.", PairHandlers.EndAsync, "EndBody");
    public static AdminRoute LogMeeting { get; } = Define(nameof(LogMeeting), Post, AdminRoutes.PairMeetings, AdminAccess.Write, "Log a meeting by hand (a confirmed ledger change).", PairHandlers.LogMeetingAsync, "MeetingBody");
    public static AdminRoute PairTimeline { get; } = Define(nameof(PairTimeline), Get, AdminRoutes.PairTimeline, AdminAccess.Read, "A pair's ledger, meetings, signals and messages.", ReadingHandlers.TimelineAsync);
    public static AdminRoute ImportPairs { get; } = Define(nameof(ImportPairs), Post, AdminRoutes.PairImport, AdminAccess.Write, "Import pairs from CSV (?mode=partial).", CsvImport.PairsAsync, "pairs.csv", "text/csv");
    public static AdminRoute ProgramHealth { get; } = Define(nameof(ProgramHealth), Get, AdminRoutes.ProgramHealth, AdminAccess.Read, "Pairs per risk level, postponement rate, meetings held vs expected, cycle over cycle.", ReadingHandlers.HealthAsync);
    public static AdminRoute ProgramHealthHistory { get; } = Define(nameof(ProgramHealthHistory), Get, AdminRoutes.ProgramHealthHistory, AdminAccess.Read, "Risk levels per day, from the daily snapshots of the program's summary (?days, 1–366, default 84).", HistoryHandler.HistoryAsync);
    public static AdminRoute AtRisk { get; } = Define(nameof(AtRisk), Get, AdminRoutes.AtRisk, AdminAccess.Read, "The pairs at risk or dormant, with reasons.", ReadingHandlers.AtRiskAsync);
    public static AdminRoute PreviewMessage { get; } = Define(nameof(PreviewMessage), Get, AdminRoutes.Preview, AdminAccess.Read, "Render a template with the program's facts (?pairId, ?recipient, ?format=html).", PreviewHandlers.PreviewAsync);
    public static AdminRoute GetTemplate { get; } = Define(nameof(GetTemplate), Get, AdminRoutes.Template, AdminAccess.Read, "A program's own text for a template, beside the built-in text.", TemplateHandlers.GetAsync);
    public static AdminRoute PutTemplate { get; } = Define(nameof(PutTemplate), Put, AdminRoutes.Template, AdminAccess.Write, "Save a program's own text for a template (validated; used when sending and in previews).", TemplateHandlers.PutAsync, "TemplateBody");
    public static AdminRoute DeleteTemplate { get; } = Define(nameof(DeleteTemplate), Delete, AdminRoutes.Template, AdminAccess.Write, "Go back to the built-in text of a template.", TemplateHandlers.DeleteAsync);
    public static AdminRoute Outbox { get; } = Define(nameof(Outbox), Get, AdminRoutes.Outbox, AdminAccess.Read, "Outbox counts per status and the latest rows (?status).", OutboxHandlers.ListAsync);
    public static AdminRoute ListSubscriptions { get; } = Define(nameof(ListSubscriptions), Get, AdminRoutes.Subscriptions, AdminAccess.Read, "Integration subscriptions.", SubscriptionHandlers.ListAsync);
    public static AdminRoute CreateSubscription { get; } = Define(nameof(CreateSubscription), Post, AdminRoutes.Subscriptions, AdminAccess.Write, "Register an HTTPS endpoint for integration events (the secret is shown once).", SubscriptionHandlers.CreateAsync, "SubscriptionBody");
    public static AdminRoute DeleteSubscription { get; } = Define(nameof(DeleteSubscription), Delete, AdminRoutes.Subscription, AdminAccess.Write, "Remove a subscription.", SubscriptionHandlers.DeleteAsync);
    public static AdminRoute SubscriptionDeliveries { get; } = Define(nameof(SubscriptionDeliveries), Get, AdminRoutes.SubscriptionDeliveries, AdminAccess.Read, "The delivery log, newest first.", SubscriptionHandlers.DeliveriesAsync);
    public static AdminRoute TestSubscription { get; } = Define(nameof(TestSubscription), Post, AdminRoutes.SubscriptionTest, AdminAccess.Write, "Send a subscription.test event.", SubscriptionHandlers.TestAsync);
    public static AdminRoute ListCalendars { get; } = Define(nameof(ListCalendars), Get, AdminRoutes.Calendars, AdminAccess.Read, "Calendar connections with their health (connected, or failing since when and why).", CalendarHandlers.ListAsync);
    public static AdminRoute ConnectCalendar { get; } = Define(nameof(ConnectCalendar), Post, AdminRoutes.Calendars, AdminAccess.Write, "Connect a Graph user's, a Google calendar's or an ICS feed's events; the first sync runs at once.", CalendarHandlers.ConnectAsync, "CalendarBody");
    public static AdminRoute DisconnectCalendar { get; } = Define(nameof(DisconnectCalendar), Delete, AdminRoutes.Calendar, AdminAccess.Write, "Stop a calendar's subscription or channel and remove the connection.", CalendarHandlers.DisconnectAsync);
    public static AdminRoute ListPoison { get; } = Define(nameof(ListPoison), Get, AdminRoutes.Poison, AdminAccess.Operator, "Messages parked in {queue}-poison.", PoisonHandlers.ListAsync);
    public static AdminRoute ReplayPoison { get; } = Define(nameof(ReplayPoison), Post, AdminRoutes.PoisonReplay, AdminAccess.Operator, "Move a poison message back to its queue.", PoisonHandlers.ReplayAsync);
    public static AdminRoute ListKeys { get; } = Define(nameof(ListKeys), Get, AdminRoutes.Keys, AdminAccess.Operator, "API keys (never the keys themselves).", KeyHandlers.ListAsync);
    public static AdminRoute CreateKey { get; } = Define(nameof(CreateKey), Post, AdminRoutes.Keys, AdminAccess.Operator, "Create an API key scoped to programs, read-only or read-write (shown once).", KeyHandlers.CreateAsync, "KeyBody");
    public static AdminRoute RevokeKey { get; } = Define(nameof(RevokeKey), Delete, AdminRoutes.Key, AdminAccess.Operator, "Revoke an API key.", KeyHandlers.RevokeAsync);
    public static AdminRoute OpenApiDocument { get; } = Define(nameof(OpenApiDocument), Get, AdminRoutes.OpenApi, AdminAccess.Read, "This document.", OpenApiHandler.GetAsync);

    /// <summary>The dashboard's page: static HTML that holds no data; it calls the API with the key typed into it.</summary>
    public static HttpEndpoint Dashboard { get; } = new(nameof(Dashboard), Get, AdminRoutes.Dashboard, DashboardPage.ServeAsync);

    public static IReadOnlyList<AdminRoute> All { get; } =
    [
        ListPrograms, CreateProgram, GetProgram, UpdateProgram, ListCycles, CreateCycle, RollCycle,
        ListParticipants, GetParticipant, PutParticipant, ErasePerson, ExportPerson, ImportParticipants,
        ListPairs, CreatePair, GetPair, PausePair, ResumePair, EndPair, LogMeeting, PairTimeline, ImportPairs,
        ProgramHealth, ProgramHealthHistory, AtRisk, PreviewMessage, GetTemplate, PutTemplate, DeleteTemplate, Outbox,
        ListSubscriptions, CreateSubscription, DeleteSubscription, SubscriptionDeliveries, TestSubscription,
        ListCalendars, ConnectCalendar, DisconnectCalendar,
        ListPoison, ReplayPoison, ListKeys, CreateKey, RevokeKey, OpenApiDocument,
    ];

    /// <summary>What <see cref="HttpEndpoints.All"/> serves of the admin feature.</summary>
    public static IReadOnlyList<HttpEndpoint> Endpoints { get; } = [.. All.Select(r => r.Endpoint), Dashboard];
}
