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
    public static AdminRoute ListPrograms { get; } = Define<ProgramHandlers>(nameof(ListPrograms), Get, AdminRoutes.Programs, AdminAccess.Read, "The programs the caller can see.", (h, r) => h.ListAsync(r));
    public static AdminRoute CreateProgram { get; } = Define<ProgramHandlers>(nameof(CreateProgram), Post, AdminRoutes.Programs, AdminAccess.Operator, "Create a program.", (h, r) => h.CreateAsync(r), "ProgramBody");
    public static AdminRoute GetProgram { get; } = Define<ProgramHandlers>(nameof(GetProgram), Get, AdminRoutes.Program, AdminAccess.Read, "A program with its effective policy.", (h, r) => h.GetAsync(r));
    public static AdminRoute UpdateProgram { get; } = Define<ProgramHandlers>(nameof(UpdateProgram), Put, AdminRoutes.Program, AdminAccess.Write, "Replace a program's settings.", (h, r) => h.UpdateAsync(r), "ProgramBody");
    public static AdminRoute ListCycles { get; } = Define<ProgramHandlers>(nameof(ListCycles), Get, AdminRoutes.Cycles, AdminAccess.Read, "A program's cycles.", (h, r) => h.ListCyclesAsync(r));
    public static AdminRoute CreateCycle { get; } = Define<ProgramHandlers>(nameof(CreateCycle), Post, AdminRoutes.Cycles, AdminAccess.Write, "Add a cycle (current by default).", (h, r) => h.CreateCycleAsync(r), "CycleBody");
    public static AdminRoute RollCycle { get; } = Define<ProgramHandlers>(nameof(RollCycle), Post, AdminRoutes.RollCycle, AdminAccess.Write, "Roll a recurring program into its next cycle; re-enrol the pairs that opted in.", (h, r) => h.RollAsync(r), "RollBody");
    public static AdminRoute ListParticipants { get; } = Define<ParticipantHandlers>(nameof(ListParticipants), Get, AdminRoutes.Participants, AdminAccess.Read, "A page of participants (pageSize, continuationToken).", (h, r) => h.ListAsync(r));
    public static AdminRoute GetParticipant { get; } = Define<ParticipantHandlers>(nameof(GetParticipant), Get, AdminRoutes.Participant, AdminAccess.Read, "One participant.", (h, r) => h.GetAsync(r));
    public static AdminRoute PutParticipant { get; } = Define<ParticipantHandlers>(nameof(PutParticipant), Put, AdminRoutes.Participant, AdminAccess.Write, "Create or replace a participant.", (h, r) => h.PutAsync(r), "ParticipantBody");
    public static AdminRoute ErasePerson { get; } = Define<PrivacyHandlers>(nameof(ErasePerson), Delete, AdminRoutes.Participant, AdminAccess.Write, "Erase a person (GDPR art. 17); the suppression hash is kept.", (h, r) => h.EraseAsync(r));
    public static AdminRoute ExportPerson { get; } = Define<PrivacyHandlers>(nameof(ExportPerson), Get, AdminRoutes.ParticipantExport, AdminAccess.Read, "Everything stored about a person (GDPR art. 15/20).", (h, r) => h.ExportAsync(r));
    public static AdminRoute ImportParticipants { get; } = Define<CsvImport>(nameof(ImportParticipants), Post, AdminRoutes.ParticipantImport, AdminAccess.Write, "Import participants from CSV (?mode=partial).", (h, r) => h.ParticipantsAsync(r), "participants.csv", "text/csv");
    public static AdminRoute ListPairs { get; } = Define<PairHandlers>(nameof(ListPairs), Get, AdminRoutes.Pairs, AdminAccess.Read, "A page of pairs with their last evaluation.", (h, r) => h.ListAsync(r));
    public static AdminRoute CreatePair { get; } = Define<PairHandlers>(nameof(CreatePair), Post, AdminRoutes.Pairs, AdminAccess.Write, "Create a pair.", (h, r) => h.CreateAsync(r), "PairBody");
    public static AdminRoute GetPair { get; } = Define<PairHandlers>(nameof(GetPair), Get, AdminRoutes.Pair, AdminAccess.Read, "One pair.", (h, r) => h.GetAsync(r));
    public static AdminRoute PausePair { get; } = Define<PairHandlers>(nameof(PausePair), Post, AdminRoutes.PairPause, AdminAccess.Write, "Pause a pair (reason, resume date).", (h, r) => h.PauseAsync(r), "PauseBody");
    public static AdminRoute ResumePair { get; } = Define<PairHandlers>(nameof(ResumePair), Post, AdminRoutes.PairResume, AdminAccess.Write, "Resume a paused pair.", (h, r) => h.ResumeAsync(r));
    public static AdminRoute EndPair { get; } = Define<PairHandlers>(nameof(EndPair), Post, AdminRoutes.PairEnd, AdminAccess.Write, "End a pair.", (h, r) => h.EndAsync(r), "EndBody");
    public static AdminRoute LogMeeting { get; } = Define<PairHandlers>(nameof(LogMeeting), Post, AdminRoutes.PairMeetings, AdminAccess.Write, "Log a meeting by hand (a confirmed ledger change).", (h, r) => h.LogMeetingAsync(r), "MeetingBody");
    public static AdminRoute PairTimeline { get; } = Define<ReadingHandlers>(nameof(PairTimeline), Get, AdminRoutes.PairTimeline, AdminAccess.Read, "A pair's ledger, meetings, signals and messages.", (h, r) => h.TimelineAsync(r));
    public static AdminRoute ImportPairs { get; } = Define<CsvImport>(nameof(ImportPairs), Post, AdminRoutes.PairImport, AdminAccess.Write, "Import pairs from CSV (?mode=partial).", (h, r) => h.PairsAsync(r), "pairs.csv", "text/csv");
    public static AdminRoute ProgramHealth { get; } = Define<ReadingHandlers>(nameof(ProgramHealth), Get, AdminRoutes.ProgramHealth, AdminAccess.Read, "Pairs per risk level, postponement rate, meetings held vs expected, cycle over cycle.", (h, r) => h.HealthAsync(r));
    public static AdminRoute ProgramHealthHistory { get; } = Define<HistoryHandler>(nameof(ProgramHealthHistory), Get, AdminRoutes.ProgramHealthHistory, AdminAccess.Read, "Risk levels per day, from the daily snapshots of the program's summary (?days, 1–366, default 84).", (h, r) => h.HistoryAsync(r));
    public static AdminRoute AtRisk { get; } = Define<ReadingHandlers>(nameof(AtRisk), Get, AdminRoutes.AtRisk, AdminAccess.Read, "The pairs at risk or dormant, with reasons.", (h, r) => h.AtRiskAsync(r));
    public static AdminRoute PreviewMessage { get; } = Define<PreviewHandlers>(nameof(PreviewMessage), Get, AdminRoutes.Preview, AdminAccess.Read, "Render a template with the program's facts (?pairId, ?recipient, ?format=html).", (h, r) => h.PreviewAsync(r));
    public static AdminRoute GetTemplate { get; } = Define<TemplateHandlers>(nameof(GetTemplate), Get, AdminRoutes.Template, AdminAccess.Read, "A program's own text for a template, beside the built-in text.", (h, r) => h.GetAsync(r));
    public static AdminRoute PutTemplate { get; } = Define<TemplateHandlers>(nameof(PutTemplate), Put, AdminRoutes.Template, AdminAccess.Write, "Save a program's own text for a template (validated; used when sending and in previews).", (h, r) => h.PutAsync(r), "TemplateBody");
    public static AdminRoute DeleteTemplate { get; } = Define<TemplateHandlers>(nameof(DeleteTemplate), Delete, AdminRoutes.Template, AdminAccess.Write, "Go back to the built-in text of a template.", (h, r) => h.DeleteAsync(r));
    public static AdminRoute Outbox { get; } = Define<OutboxHandlers>(nameof(Outbox), Get, AdminRoutes.Outbox, AdminAccess.Read, "Outbox counts per status and the latest rows (?status).", (h, r) => h.ListAsync(r));
    public static AdminRoute ListSubscriptions { get; } = Define<SubscriptionHandlers>(nameof(ListSubscriptions), Get, AdminRoutes.Subscriptions, AdminAccess.Read, "Integration subscriptions.", (h, r) => h.ListAsync(r));
    public static AdminRoute CreateSubscription { get; } = Define<SubscriptionHandlers>(nameof(CreateSubscription), Post, AdminRoutes.Subscriptions, AdminAccess.Write, "Register an HTTPS endpoint for integration events (the secret is shown once).", (h, r) => h.CreateAsync(r), "SubscriptionBody");
    public static AdminRoute DeleteSubscription { get; } = Define<SubscriptionHandlers>(nameof(DeleteSubscription), Delete, AdminRoutes.Subscription, AdminAccess.Write, "Remove a subscription.", (h, r) => h.DeleteAsync(r));
    public static AdminRoute SubscriptionDeliveries { get; } = Define<SubscriptionHandlers>(nameof(SubscriptionDeliveries), Get, AdminRoutes.SubscriptionDeliveries, AdminAccess.Read, "The delivery log, newest first.", (h, r) => h.DeliveriesAsync(r));
    public static AdminRoute TestSubscription { get; } = Define<SubscriptionHandlers>(nameof(TestSubscription), Post, AdminRoutes.SubscriptionTest, AdminAccess.Write, "Send a subscription.test event.", (h, r) => h.TestAsync(r));
    public static AdminRoute ListCalendars { get; } = Define<CalendarHandlers>(nameof(ListCalendars), Get, AdminRoutes.Calendars, AdminAccess.Read, "Calendar connections with their health (connected, or failing since when and why).", (h, r) => h.ListAsync(r));
    public static AdminRoute ConnectCalendar { get; } = Define<CalendarHandlers>(nameof(ConnectCalendar), Post, AdminRoutes.Calendars, AdminAccess.Write, "Connect a Graph user's, a Google calendar's or an ICS feed's events; the first sync runs at once.", (h, r) => h.ConnectAsync(r), "CalendarBody");
    public static AdminRoute DisconnectCalendar { get; } = Define<CalendarHandlers>(nameof(DisconnectCalendar), Delete, AdminRoutes.Calendar, AdminAccess.Write, "Stop a calendar's subscription or channel and remove the connection.", (h, r) => h.DisconnectAsync(r));
    public static AdminRoute ListPoison { get; } = Define<PoisonHandlers>(nameof(ListPoison), Get, AdminRoutes.Poison, AdminAccess.Operator, "Messages parked in {queue}-poison.", (h, r) => h.ListAsync(r));
    public static AdminRoute ReplayPoison { get; } = Define<PoisonHandlers>(nameof(ReplayPoison), Post, AdminRoutes.PoisonReplay, AdminAccess.Operator, "Move a poison message back to its queue.", (h, r) => h.ReplayAsync(r));
    public static AdminRoute ListKeys { get; } = Define<KeyHandlers>(nameof(ListKeys), Get, AdminRoutes.Keys, AdminAccess.Operator, "API keys (never the keys themselves).", (h, r) => h.ListAsync(r));
    public static AdminRoute CreateKey { get; } = Define<KeyHandlers>(nameof(CreateKey), Post, AdminRoutes.Keys, AdminAccess.Operator, "Create an API key scoped to programs, read-only or read-write (shown once).", (h, r) => h.CreateAsync(r), "KeyBody");
    public static AdminRoute RevokeKey { get; } = Define<KeyHandlers>(nameof(RevokeKey), Delete, AdminRoutes.Key, AdminAccess.Operator, "Revoke an API key.", (h, r) => h.RevokeAsync(r));
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
