using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using QualityWatch.Core.Identity;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

public sealed record NewUserRequest(string? Name, string? Role, string? RegionCode, string? Password, string? DisplayName, long? EnterpriseId);
public sealed record NewTokenRequest(string? Name);
public sealed record TokenDto(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
public sealed record CreatedTokenDto(long Id, string Name, string Token);

public static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.UserAdmin);
        users.MapGet("/", ListUsersAsync).WithName("ListUsers");
        users.MapPost("/", CreateUserAsync).WithName("CreateUser");

        var me = v1.MapGroup("/me").WithTags("Me");
        me.MapGet("/", (ClaimsPrincipal user) => TypedResults.Ok(new
        {
            name = user.Identity?.Name,
            region = user.FindFirstValue(Security.QualityWatchClaims.Region),
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
        })).WithName("Me");
        me.MapGet("/tokens", ListTokensAsync).WithName("ListTokens");
        me.MapPost("/tokens", CreateTokenAsync).WithName("CreateToken");
        me.MapDelete("/tokens/{id:long}", RevokeTokenAsync).WithName("RevokeToken");
    }

    private static async Task<Results<Ok<ListResponse<UserDto>>, ValidationProblem>> ListUsersAsync(UserAdmin admin, int? limit, string? cursor, CancellationToken ct)
    {
        if (Core.Paging.Cursor.ValidateKey(limit, cursor, Core.Paging.Cursor.DefaultLimit, out var take, out var after) is { } errors)
            return ApiProblems.Invalid(errors);
        var rows = await admin.ListPageAsync(take + 1, after, ct);
        var next = rows.Count > take ? Core.Paging.Cursor.EncodeKey(rows[take - 1].Name) : null;
        return TypedResults.Ok(new ListResponse<UserDto>(rows.Take(take).ToList(), next));
    }

    private static async Task<Results<Created<UserDto>, ValidationProblem>> CreateUserAsync(UserAdmin admin, NewUserRequest r, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.Name)) errors["name"] = ["name is required"];
        if (string.IsNullOrWhiteSpace(r.Role)) errors["role"] = ["role is required"];
        if (string.IsNullOrWhiteSpace(r.RegionCode)) errors["regionCode"] = ["regionCode is required"];
        if (string.IsNullOrWhiteSpace(r.Password)) errors["password"] = ["password is required"];
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        var result = await admin.AddAsync(new NewUser(r.Name!, r.Role!, r.RegionCode!, r.Password, r.DisplayName, r.EnterpriseId), ct);
        return result.User is null ? ApiProblems.Invalid(result.Errors) : TypedResults.Created($"/api/v1/users/{result.User.Id}", result.User);
    }

    private static async Task<Ok<ListResponse<TokenDto>>> ListTokensAsync(ApiTokens tokens, UserManager<AppUser> users, ClaimsPrincipal principal, CancellationToken ct)
    {
        var id = users.GetUserId(principal)!;
        var list = await tokens.ListAsync(id, ct);
        return TypedResults.Ok(new ListResponse<TokenDto>(list.Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.RevokedAt)).ToList(), null));
    }

    private static async Task<Results<Created<CreatedTokenDto>, UnauthorizedHttpResult>> CreateTokenAsync(
        ApiTokens tokens, UserManager<AppUser> users, ClaimsPrincipal principal, NewTokenRequest request, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
            return TypedResults.Unauthorized();
        var name = string.IsNullOrWhiteSpace(request.Name) ? "api" : request.Name.Trim();
        var created = await tokens.CreateAsync(user, name, ct);
        // The secret is shown this once; only its hash is stored.
        return TypedResults.Created($"/api/v1/me/tokens/{created.Id}", new CreatedTokenDto(created.Id, name, created.Token));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeTokenAsync(ApiTokens tokens, UserManager<AppUser> users, ClaimsPrincipal principal, long id, CancellationToken ct) =>
        await tokens.RevokeAsync(users.GetUserId(principal)!, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
