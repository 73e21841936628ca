using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Mentoring.Application.Queues;
using Microsoft.AspNetCore.Http;

namespace Mentoring.Application.Admin.Poison;

internal sealed record PoisonMessage(string Id, DateTimeOffset? InsertedOn, long DequeueCount, string Body);

/// <summary>
/// <c>{queue}-poison</c>: list the parked messages (id, insertion time, body) and replay one — send its body back to the
/// queue, then delete it from the poison queue. A replay that dies in between leaves a copy in both: the handlers are
/// idempotent, so the message may run twice but acts once.
/// </summary>
internal sealed class PoisonHandlers(MessageQueues queues)
{
    private const int MaxBodyChars = 4096;

    public async Task<IResult> ListAsync(AdminRequest request)
    {
        var poison = PoisonOf(request, out var queue);
        var peeked = await poison.PeekMessagesAsync(32, request.Aborted);
        var properties = await poison.GetPropertiesAsync(request.Aborted);
        var items = peeked.Value.Select(m => new PoisonMessage(m.MessageId, m.InsertedOn, m.DequeueCount, Truncate(m.Body.ToString())));
        return Results.Json(new { queue, approximateCount = properties.Value.ApproximateMessagesCount, items }, AdminJson.Options);
    }

    public async Task<IResult> ReplayAsync(AdminRequest request)
    {
        var poison = PoisonOf(request, out var queue);
        var id = request.Route("messageId");
        // Peek gives no pop receipt: receive a batch invisibly, replay the one asked for, make the others visible again.
        for (var round = 0; round < 10; round++)
        {
            QueueMessage[] batch = await poison.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), request.Aborted);
            if (batch.Length == 0)
                break;
            QueueMessage? found = null;
            foreach (var message in batch)
            {
                if (message.MessageId == id)
                    found = message;
                else
                    await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: request.Aborted);
            }

            if (found is not null)
            {
                await queues.Client(queue).SendMessageAsync(found.Body.ToString(), null, QueueNames.PoisonTimeToLive(queue), request.Aborted);
                await poison.DeleteMessageAsync(found.MessageId, found.PopReceipt, request.Aborted);
                return Results.Json(new { queue, replayed = id }, AdminJson.Options, statusCode: StatusCodes.Status202Accepted);
            }
        }

        throw ApiProblem.NotFound("poison message with that id");
    }

    private QueueClient PoisonOf(AdminRequest request, out string queue)
    {
        queue = request.Route("queue");
        if (!QueueNames.All.Contains(queue, StringComparer.Ordinal))
            throw ApiProblem.NotFound("queue");
        return queues.Client(QueueNames.PoisonOf(queue));
    }

    private static string Truncate(string body) => body.Length <= MaxBodyChars ? body : body[..MaxBodyChars] + "…";
}
