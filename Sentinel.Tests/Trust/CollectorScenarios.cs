using Microsoft.Playwright;

namespace Sentinel.Tests.Trust;

/// <summary>
/// The three visitors of issue 13 section 3, as input into the test page: a person (recorded human movement and
/// typing), a driver script (Playwright's straight steps and instant clicks and keys) and an in-page script
/// (dispatched events, isTrusted=false).
/// </summary>
internal static class CollectorScenarios
{
    /// <summary>SapiMouse user 1's first 30 s, then a click on the password field and the CMU password of subject s002.</summary>
    public static async Task PersonAsync(IPage page)
    {
        var trajectory = CollectorHumanInput.SapiMouse(user: 1, session: "1min", seconds: 30);
        var pointer = await CollectorHumanInput.ReplayAsync(page, trajectory);

        // The form moves under the cursor where the hand stopped, so the click that focuses the field needs no jump.
        var last = trajectory[^1];
        await page.EvaluateAsync(
            "([x, y]) => { const form = document.getElementById('login'); const box = document.getElementById('password').getBoundingClientRect(); form.style.left = (x - (box.left - form.offsetLeft) - 20) + 'px'; form.style.top = (y - (box.top - form.offsetTop) - 8) + 'px'; }",
            new[] { last.X, last.Y });
        await pointer.ClickAsync();
        await CollectorHumanInput.TypePasswordAsync(page, subject: "s002", sessionIndex: 1, repetition: 1);
    }

    /// <summary>Playwright as a bot drives it: straight moves in equal steps, clicks and keys without hold times.</summary>
    public static async Task DriverAsync(IPage page)
    {
        var targets = new (float X, float Y)[] { (200, 150), (900, 600), (300, 700), (1200, 200), (600, 500), (1500, 800), (150, 90) };
        await page.Mouse.MoveAsync(100, 100);
        for (var round = 0; round < 4; round++)
        {
            foreach (var (x, y) in targets)
            {
                await page.Mouse.MoveAsync(x, y, new() { Steps = 25 });
                await page.Mouse.ClickAsync(x, y);
            }
        }

        await page.ClickAsync("#password");
        await page.Keyboard.TypeAsync(".tie5Roanl");
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>A script in the page dispatches plausible-looking events itself: every one has isTrusted=false.</summary>
    public static async Task InPageScriptAsync(IPage page) =>
        await page.EvaluateAsync("""
            async () => {
              const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
              let x = 100, y = 100;
              for (let i = 0; i < 300; i++) {
                x += 3 + Math.random() * 4; y += Math.sin(i / 9) * 5;
                document.body.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
                if (i % 60 === 59) {
                  document.body.dispatchEvent(new MouseEvent('mousedown', { clientX: x, clientY: y, bubbles: true }));
                  await sleep(90);
                  document.body.dispatchEvent(new MouseEvent('mouseup', { clientX: x, clientY: y, bubbles: true }));
                }
                await sleep(16);
              }
              const field = document.getElementById('password');
              for (const code of ['Period', 'KeyT', 'KeyI', 'KeyE', 'Digit5', 'KeyR', 'KeyO', 'KeyA', 'KeyN', 'KeyL', 'Enter']) {
                field.dispatchEvent(new KeyboardEvent('keydown', { code, bubbles: true }));
                await sleep(80 + Math.random() * 60);
                field.dispatchEvent(new KeyboardEvent('keyup', { code, bubbles: true }));
                await sleep(60 + Math.random() * 120);
              }
            }
            """);
}
