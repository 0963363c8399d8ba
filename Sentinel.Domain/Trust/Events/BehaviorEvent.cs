namespace Sentinel.Domain.Trust.Events;

/// <summary>What the browser collector observed; never the typed character.</summary>
public enum BehaviorEventKind : byte
{
    KeyDown,
    KeyUp,
    MouseMove,
    MouseDown,
    MouseUp,
    Click,
    Wheel,
    Scroll,
    Focus,
    Blur,
    Paste,
    TouchStart,
    TouchMove,
    TouchEnd,
}

/// <summary>The class of a key, which is all the engine needs to know about it (never the character).</summary>
public enum KeyClass : byte
{
    Other,
    Letter,
    Digit,
    Space,
    Enter,
    Backspace,
    Modifier,
    Navigation,
    Punctuation,
}

/// <summary>
/// One input event as the collector sends it.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="TimestampMs">The browser's event timestamp in milliseconds (fractions allowed), monotonic within a page.</param>
/// <param name="X">Pointer x in CSS pixels for mouse and touch events; the horizontal delta for wheel and scroll.</param>
/// <param name="Y">Pointer y in CSS pixels for mouse and touch events; the vertical delta for wheel and scroll.</param>
/// <param name="Key">For key events, the key's class.</param>
/// <param name="KeyZone">
/// For key events, a coarse position on the keyboard (row * 16 + column / 2 of the physical key), enough to tell keys
/// apart for hold and flight times without revealing what was typed.
/// </param>
/// <param name="IsTrusted">The DOM's isTrusted flag: false means a script dispatched the event.</param>
public readonly record struct BehaviorEvent(
    BehaviorEventKind Kind,
    double TimestampMs,
    float X = 0,
    float Y = 0,
    KeyClass Key = KeyClass.Other,
    byte KeyZone = 0,
    bool IsTrusted = true)
{
    public static BehaviorEvent Move(double timestampMs, float x, float y) => new(BehaviorEventKind.MouseMove, timestampMs, x, y);

    public static BehaviorEvent Down(double timestampMs, float x, float y) => new(BehaviorEventKind.MouseDown, timestampMs, x, y);

    public static BehaviorEvent Up(double timestampMs, float x, float y) => new(BehaviorEventKind.MouseUp, timestampMs, x, y);

    public static BehaviorEvent KeyPress(double timestampMs, KeyClass key, byte zone) => new(BehaviorEventKind.KeyDown, timestampMs, Key: key, KeyZone: zone);

    public static BehaviorEvent KeyRelease(double timestampMs, KeyClass key, byte zone) => new(BehaviorEventKind.KeyUp, timestampMs, Key: key, KeyZone: zone);

    public bool IsPointer => Kind is BehaviorEventKind.MouseMove or BehaviorEventKind.MouseDown or BehaviorEventKind.MouseUp
        or BehaviorEventKind.Click or BehaviorEventKind.TouchStart or BehaviorEventKind.TouchMove or BehaviorEventKind.TouchEnd;
}
