using System.Collections.Frozen;
using Sentinel.Domain.Trust.Events;

namespace Sentinel.Domain.Trust.Wire;

/// <summary>The names the collector sends for event types and key classes.</summary>
public static class TrustVocabulary
{
    public static readonly FrozenDictionary<string, BehaviorEventKind> EventKind = new Dictionary<string, BehaviorEventKind>
    {
        ["keydown"] = BehaviorEventKind.KeyDown,
        ["keyup"] = BehaviorEventKind.KeyUp,
        ["mousemove"] = BehaviorEventKind.MouseMove,
        ["mousedown"] = BehaviorEventKind.MouseDown,
        ["mouseup"] = BehaviorEventKind.MouseUp,
        ["click"] = BehaviorEventKind.Click,
        ["wheel"] = BehaviorEventKind.Wheel,
        ["scroll"] = BehaviorEventKind.Scroll,
        ["focus"] = BehaviorEventKind.Focus,
        ["blur"] = BehaviorEventKind.Blur,
        ["paste"] = BehaviorEventKind.Paste,
        ["touchstart"] = BehaviorEventKind.TouchStart,
        ["touchmove"] = BehaviorEventKind.TouchMove,
        ["touchend"] = BehaviorEventKind.TouchEnd,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, KeyClass> KeyClass = new Dictionary<string, KeyClass>
    {
        ["letter"] = Events.KeyClass.Letter,
        ["digit"] = Events.KeyClass.Digit,
        ["space"] = Events.KeyClass.Space,
        ["enter"] = Events.KeyClass.Enter,
        ["backspace"] = Events.KeyClass.Backspace,
        ["modifier"] = Events.KeyClass.Modifier,
        ["navigation"] = Events.KeyClass.Navigation,
        ["punctuation"] = Events.KeyClass.Punctuation,
        ["other"] = Events.KeyClass.Other,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The usual markers as shared strings, so a busy endpoint does not allocate one per key event.</summary>
    public static string Intern(string field) => field switch
    {
        "password" => "password",
        "login" => "login",
        "username" => "username",
        "email" => "email",
        _ => field,
    };
}
