namespace QualityWatch.Core.Registry.Enterprises.Import;

/// <summary>What every spreadsheet import does around its rows: open the file, keep the reject file beside it, buffer uploads.</summary>
public static class ImportFile
{
    /// <summary>Imports a file on disk and writes the reject file next to it, or removes a stale one.</summary>
    public static async Task<ImportResult> RunAsync(string path, Func<Stream, string, Task<ImportResult>> import, CancellationToken ct)
    {
        if (!File.Exists(path))
            throw new ImportFileException($"文件不存在：{path} (file not found)");
        ImportResult result;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false))
            result = await import(file, Path.GetFileName(path));
        var rejectPath = RejectFile.PathFor(path);
        if (result.Rejects.Count > 0)
        {
            await RejectFile.WriteAsync(rejectPath, result.Rejects, ct);
            return result with { RejectFile = rejectPath };
        }
        // A reject file from an earlier run would describe rows that are now fine.
        if (File.Exists(rejectPath))
            File.Delete(rejectPath);
        return result;
    }

    /// <summary>Readers need to seek (format sniffing, encoding detection); a non-seekable upload is buffered to a temporary file first.</summary>
    public static async Task<ImportResult> SeekableAsync(Stream input, Func<Stream, Task<ImportResult>> import, CancellationToken ct)
    {
        if (input.CanSeek)
            return await import(input);
        var temp = Path.GetTempFileName();
        await using var buffered = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await input.CopyToAsync(buffered, ct);
        buffered.Position = 0;
        return await import(buffered);
    }
}
