namespace Sentinel.Tests.Support;

internal static class Wait
{
    /// <summary>Polls until <paramref name="ready"/> returns true, or fails with <paramref name="describeFailure"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<Task<bool>> ready, TimeSpan timeout, Func<string> describeFailure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // Not up yet: connection refused and the like.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException(describeFailure());
    }
}
