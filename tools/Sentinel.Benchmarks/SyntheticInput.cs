using Sentinel.Domain.Trust.Events;

namespace Sentinel.Benchmarks;

/// <summary>Hand-like mouse movement and typing on a 60 Hz clock, enough to exercise every part of the engine.</summary>
internal static class SyntheticInput
{
    public static BehaviorEvent[] HandSession(int seed, int events)
    {
        var random = new Random(seed);
        var result = new BehaviorEvent[events];
        var t = 1000.0;
        float x = 500, y = 400, tx = 900, ty = 600;
        for (var i = 0; i < events; i++)
        {
            if (i % 40 == 39)
            {
                // A keystroke every so often, as in a form.
                result[i] = i % 80 == 79
                    ? BehaviorEvent.KeyRelease(t, KeyClass.Letter, (byte)(32 + (i % 7)))
                    : BehaviorEvent.KeyPress(t, KeyClass.Letter, (byte)(32 + (i % 7)));
            }
            else
            {
                x += ((tx - x) * 0.15f) + (float)((random.NextDouble() - 0.5) * 3);
                y += ((ty - y) * 0.15f) + (float)((random.NextDouble() - 0.5) * 3);
                if (Math.Abs(tx - x) < 5 && Math.Abs(ty - y) < 5)
                {
                    (tx, ty) = (100 + random.Next(1600), 100 + random.Next(800));
                }

                result[i] = BehaviorEvent.Move(Math.Round(t), MathF.Round(x), MathF.Round(y));
            }

            t += random.NextDouble() < 0.1 ? 33.3 : 16.7;
        }

        return result;
    }
}
