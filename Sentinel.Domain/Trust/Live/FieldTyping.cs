using Sentinel.Domain.Trust.Events;

namespace Sentinel.Domain.Trust.Live;

/// <summary>One fixed phrase typed into a marked field: hold times then keydown-to-keydown times, in seconds.</summary>
public sealed record FieldSample(string Field, double[] Features);

/// <summary>
/// Collects the key timings typed into fields the page marked with <c>data-sentinel-field</c> (a password, a login
/// name): the same phrase typed each time, which is what the keystroke anomaly model compares with the user's
/// baseline (ADR 008). A run ends on Enter, blur/focus, or a key event of another field; a run with Backspace or
/// navigation keys is dropped, because the phrase was edited and its timings are not comparable. Bounded: at most
/// <see cref="MaxKeys"/> keys per run and <see cref="MaxCompleted"/> finished samples are kept.
/// Plain properties so that it serializes with the session.
/// </summary>
public sealed class FieldTyping
{
    public const int MaxKeys = 64;
    public const int MaxCompleted = 4;

    /// <summary>Keys needed for a sample: shorter phrases say too little about a rhythm.</summary>
    public const int MinimumKeys = 4;

    public string? Field { get; set; }

    public List<double> Downs { get; set; } = [];

    /// <summary>Hold per key in ms; NaN until its keyup arrives.</summary>
    public List<double> Holds { get; set; } = [];

    public List<int> Keys { get; set; } = [];

    public bool Spoiled { get; set; }

    public List<FieldSample> Completed { get; set; } = [];

    /// <summary>Samples finished since the last call of <see cref="TakeNew"/>.</summary>
    public int Fresh { get; set; }

    public void Add(in BehaviorEvent e, string? field)
    {
        if (e.Kind is BehaviorEventKind.Blur or BehaviorEventKind.Focus)
        {
            Close();
            return;
        }

        if (e.Kind is not (BehaviorEventKind.KeyDown or BehaviorEventKind.KeyUp))
        {
            return;
        }

        if (field != Field)
        {
            if (e.Kind == BehaviorEventKind.KeyUp && Field is not null && field is null)
            {
                // The release of the last key often arrives after focus moved on; it still belongs to the run.
                Release(e);
                return;
            }

            Close();
            Field = field;
        }

        if (Field is null)
        {
            return;
        }

        if (e.Kind == BehaviorEventKind.KeyUp)
        {
            Release(e);
            return;
        }

        switch (e.Key)
        {
            case KeyClass.Enter:
                Close();
                return;
            case KeyClass.Backspace or KeyClass.Navigation:
                Spoiled = true;
                return;
            case KeyClass.Modifier:
                return;
            default:
                if (Downs.Count < MaxKeys)
                {
                    Downs.Add(e.TimestampMs);
                    Holds.Add(double.NaN);
                    Keys.Add(KeyOf(e));
                }
                else
                {
                    Spoiled = true;
                }

                return;
        }
    }

    /// <summary>Ends the run in progress (the session is finishing, or the field lost focus).</summary>
    public void Close()
    {
        if (Field is not null && !Spoiled && Downs.Count >= MinimumKeys && Holds.TrueForAll(double.IsFinite))
        {
            var n = Downs.Count;
            var features = new double[(2 * n) - 1];
            for (var i = 0; i < n; i++)
            {
                features[i] = Holds[i] / 1000.0;
            }

            for (var i = 1; i < n; i++)
            {
                features[n + i - 1] = Math.Max(0, Downs[i] - Downs[i - 1]) / 1000.0;
            }

            Completed.Add(new FieldSample(Field, features));
            Fresh++;
            if (Completed.Count > MaxCompleted)
            {
                Completed.RemoveAt(0);
            }
        }

        Field = null;
        Downs.Clear();
        Holds.Clear();
        Keys.Clear();
        Spoiled = false;
    }

    /// <summary>The samples finished since the last call, newest last.</summary>
    public IReadOnlyList<FieldSample> TakeNew()
    {
        var fresh = Math.Min(Fresh, Completed.Count);
        Fresh = 0;
        return Completed.GetRange(Completed.Count - fresh, fresh);
    }

    private void Release(in BehaviorEvent e)
    {
        var key = KeyOf(e);
        for (var i = Keys.Count - 1; i >= 0; i--)
        {
            if (Keys[i] == key && double.IsNaN(Holds[i]))
            {
                Holds[i] = Math.Max(0, e.TimestampMs - Downs[i]);
                return;
            }
        }
    }

    private static int KeyOf(in BehaviorEvent e) => (e.KeyZone << 8) | (int)e.Key;
}
