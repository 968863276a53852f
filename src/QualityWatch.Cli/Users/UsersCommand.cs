using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using QualityWatch.Core.Identity;

namespace QualityWatch.Cli.Users;

public static class UsersCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Required = true, Description = "User name used to sign in" };
        var role = new Option<string>("--role") { Required = true, Description = string.Join(" | ", Roles.All) };
        var region = new Option<string>("--region") { Required = true, Description = "GB/T 2260 code (44, 4403, 440305) or 100000 for national" };
        var password = new Option<string?>("--password") { Description = "Omit to generate one (printed once)" };
        var enterprise = new Option<long?>("--enterprise") { Description = "Enterprise id, for EnterpriseUser" };
        var add = new Command("add", "Add a user") { name, role, region, password, enterprise };
        add.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var result = await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(
                new NewUser(parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(region)!, parse.GetValue(password), EnterpriseId: parse.GetValue(enterprise)), ct);
            if (result.User is null)
            {
                foreach (var (field, messages) in result.Errors)
                    await Console.Error.WriteLineAsync($"--{field}: {string.Join("; ", messages)}");
                return 2;
            }
            Console.WriteLine($"Added {result.User.Name} ({string.Join(",", result.User.Roles)}, region {result.User.RegionCode}).");
            if (result.GeneratedPassword is not null)
                Console.WriteLine($"Password: {result.GeneratedPassword}");
            return 0;
        });

        var list = new Command("list", "List users");
        list.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            foreach (var u in await scope.ServiceProvider.GetRequiredService<UserAdmin>().ListAsync(ct))
                Console.WriteLine($"{u.Name}\t{string.Join(",", u.Roles)}\t{u.RegionCode}{(u.EnterpriseId is { } e ? $"\tenterprise {e}" : "")}");
            return 0;
        });

        var user = new Option<string>("--user") { Required = true };
        var tokenName = new Option<string>("--token-name") { DefaultValueFactory = _ => "cli", Description = "A label to tell tokens apart" };
        var create = new Command("create", "Create a personal API token and print it (shown once)") { user, tokenName };
        create.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var appUser = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(parse.GetValue(user)!);
            if (appUser is null)
            {
                await Console.Error.WriteLineAsync($"--user: no user named {parse.GetValue(user)}");
                return 2;
            }
            var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().CreateAsync(appUser, parse.GetValue(tokenName)!, ct);
            Console.WriteLine(token.Token);
            return 0;
        });
        var tokenId = new Option<long>("--id") { Required = true };
        var revoke = new Command("revoke", "Revoke a token by id") { user, tokenId };
        revoke.SetAction(async (parse, ct) =>
        {
            await using var provider = CliHost.Build(parse);
            await using var scope = await CliHost.OpenAsync(provider, ct);
            var appUser = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(parse.GetValue(user)!);
            var ok = appUser is not null && await scope.ServiceProvider.GetRequiredService<ApiTokens>().RevokeAsync(appUser.Id, parse.GetValue(tokenId), ct);
            Console.WriteLine(ok ? "Revoked." : "No such active token.");
            return ok ? 0 : 2;
        });
        var token = new Command("token", "Personal API tokens") { create, revoke };
        return new Command("users", "Users, roles and API tokens") { add, list, token };
    }
}
