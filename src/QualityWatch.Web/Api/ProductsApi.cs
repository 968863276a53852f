using Microsoft.AspNetCore.Http.HttpResults;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Registry.Products;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

public static class ProductsApi
{
    public static void MapProductsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/products").WithTags("Products");
        group.MapGet("/categories", () => TypedResults.Ok(ProductCategories.All)).WithName("ListProductCategories");
        group.MapGet("/", ListAsync).WithName("ListProducts");
        group.MapGet("/count", async (ProductHandlers h, string? category, CancellationToken ct) =>
            TypedResults.Ok(new CountResponse(await h.CountAsync(category, ct)))).WithName("CountProducts");
        group.MapGet("/{id:long}", GetAsync).WithName("GetProduct");
        group.MapPost("/", CreateAsync).WithName("CreateProduct").RequireAuthorization(Policies.RegistryEditor);
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateProduct").RequireAuthorization(Policies.RegistryEditor);
    }

    private static async Task<Results<Ok<ListResponse<ProductDto>>, ValidationProblem>> ListAsync(
        ProductHandlers h, string? category, long? manufacturerId, string? q, int? limit, string? cursor, CancellationToken ct)
    {
        if (Cursor.Validate(limit, cursor, out var take, out var after) is { } errors)
            return ApiProblems.Invalid(errors);
        return TypedResults.Ok(ListResponse<ProductDto>.From(await h.ListAsync(category, manufacturerId, q, take, after, ct)));
    }

    private static async Task<Results<Ok<ProductDto>, NotFound>> GetAsync(ProductHandlers h, long id, CancellationToken ct) =>
        await h.FindAsync(id, ct) is { } p ? TypedResults.Ok(ProductDto.From(p)) : TypedResults.NotFound();

    private static async Task<Results<Created<ProductDto>, ValidationProblem>> CreateAsync(ProductHandlers h, ProductInput input, CancellationToken ct)
    {
        var r = await h.SaveAsync(null, input, ct);
        return r.Errors.Count > 0 ? ApiProblems.Invalid(r.Errors) : TypedResults.Created($"/api/v1/products/{r.Product!.Id}", ProductDto.From(r.Product));
    }

    private static async Task<Results<Ok<ProductDto>, NotFound, ValidationProblem>> UpdateAsync(ProductHandlers h, long id, ProductInput input, CancellationToken ct)
    {
        var r = await h.SaveAsync(id, input, ct);
        if (r.NotFound)
            return TypedResults.NotFound();
        return r.Errors.Count > 0 ? ApiProblems.Invalid(r.Errors) : TypedResults.Ok(ProductDto.From(r.Product!));
    }
}
