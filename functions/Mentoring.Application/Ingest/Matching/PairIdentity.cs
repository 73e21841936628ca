namespace Mentoring.Application.Ingest.Matching;

/// <summary>What matching needs to know of a pair: its id, both addresses, and the series an admin linked to it.</summary>
/// <param name="PairId">The pair.</param>
/// <param name="MentorEmail">The mentor's calendar address.</param>
/// <param name="MenteeEmail">The mentee's calendar address.</param>
/// <param name="SeriesLinks">Provider keys an admin linked explicitly (e.g. <c>graph:{seriesMasterId}</c>, <c>zoom:{meetingId}</c>).</param>
public sealed record PairIdentity(string PairId, string MentorEmail, string MenteeEmail, IReadOnlyCollection<string> SeriesLinks);
