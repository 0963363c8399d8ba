using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Sentinel.Web.Components.Shared;

namespace Sentinel.Tests.Portal.Components;

/// <summary>The create/rename dialog: it hands the trimmed name to Save, shows a refusal and stays open, closes on success.</summary>
public sealed class NameDialogTests : PortalComponentTest
{
    [Fact]
    public async Task ARefusedName_ShowsTheReason_AndKeepsTheDialogOpen_UntilANameIsAccepted()
    {
        var offered = new List<string>();
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<NameDialog>
        {
            { d => d.Label, "Project name" },
            { d => d.Save, name => { offered.Add(name); return Task.FromResult(name == "Shop API" ? "A project named \"Shop API\" already exists." : null); } },
        };
        IDialogReference dialog = null!;
        await provider.InvokeAsync(async () => dialog = await Services.GetRequiredService<IDialogService>().ShowAsync<NameDialog>("New project", parameters));

        provider.Find("[data-testid=name-input]").Input("  Shop API ");
        provider.Find("[data-testid=name-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("already exists", provider.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);

        provider.Find("[data-testid=name-input]").Input("Storefront");
        provider.Find("[data-testid=name-save]").Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(result!.Canceled);
        Assert.Equal("Storefront", result.Data);
        Assert.Equal(["Shop API", "Storefront"], offered);
    }
}
