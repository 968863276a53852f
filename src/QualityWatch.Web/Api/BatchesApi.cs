using Microsoft.AspNetCore.Http.HttpResults;
using QualityWatch.Core.Paging;
using QualityWatch.Core.Registry.Batches;
using QualityWatch.Web.Hosting;

namespace QualityWatch.Web.Api;

public static class BatchesApi
{
    public static void MapBatchesApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/batches").WithTags("Batches");
        group.MapGet("/", ListAsync).WithName("ListBatches");
        group.MapGet("/{id:long}", GetAsync).WithName("GetBatch");
        group.MapPost("/", CreateAsync).WithName("CreateBatch").RequireAuthorization(Policies.RegistryEditor);
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateBatch").RequireAuthorization(Policies.RegistryEditor);
    }

    private static async Task<Results<Ok<ListResponse<BatchDto>>, ValidationProblem>> ListAsync(
        BatchHandlers h, long? productId, int? limit, string? cursor, CancellationToken ct)
    {
        if (Cursor.Validate(limit, cursor, out var take, out var after) is { } errors)
            return ApiProblems.Invalid(errors);
        return TypedResults.Ok(ListResponse<BatchDto>.From(await h.ListAsync(productId, take, after, ct)));
    }

    private static async Task<Results<Ok<BatchDto>, NotFound>> GetAsync(BatchHandlers h, long id, CancellationToken ct) =>
        await h.FindAsync(id, ct) is { } b ? TypedResults.Ok(BatchDto.From(b)) : TypedResults.NotFound();

    private static async Task<Results<Created<BatchDto>, ValidationProblem>> CreateAsync(BatchHandlers h, BatchInput input, CancellationToken ct)
    {
        var r = await h.SaveAsync(null, input, ct);
        return r.Errors.Count > 0 ? ApiProblems.Invalid(r.Errors) : TypedResults.Created($"/api/v1/batches/{r.Batch!.Id}", BatchDto.From(r.Batch));
    }

    private static async Task<Results<Ok<BatchDto>, NotFound, ValidationProblem>> UpdateAsync(BatchHandlers h, long id, BatchInput input, CancellationToken ct)
    {
        var r = await h.SaveAsync(id, input, ct);
        if (r.NotFound)
            return TypedResults.NotFound();
        return r.Errors.Count > 0 ? ApiProblems.Invalid(r.Errors) : TypedResults.Ok(BatchDto.From(r.Batch!));
    }
}
