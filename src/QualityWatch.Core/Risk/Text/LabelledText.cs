using Sylvan.Data.Csv;

namespace QualityWatch.Core.Risk.Text;

/// <summary>One row of a labelled CSV (id,source,text,product_category,problem_type); an empty category means unknown.</summary>
public sealed record LabelledText(string Id, string Source, string Text, string? ProductCategory, ProblemType Problem)
{
    public static IReadOnlyList<LabelledText> ReadCsv(Stream stream)
    {
        using var reader = new StreamReader(stream);
        using var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true });
        var rows = new List<LabelledText>();
        int id = csv.GetOrdinal("id"), source = csv.GetOrdinal("source"), text = csv.GetOrdinal("text");
        int category = csv.GetOrdinal("product_category"), problem = csv.GetOrdinal("problem_type");
        while (csv.Read())
        {
            var code = csv.GetString(category).Trim();
            if (!Enum.TryParse<ProblemType>(csv.GetString(problem).Trim(), out var p))
                throw new InvalidDataException($"Row {csv.GetString(id)}: unknown problem type '{csv.GetString(problem)}'");
            rows.Add(new LabelledText(csv.GetString(id), csv.GetString(source), csv.GetString(text), code.Length == 0 ? null : code, p));
        }
        return rows;
    }

    /// <summary>The training set the model is fitted on at first use (embedded training.csv).</summary>
    public static IReadOnlyList<LabelledText> EmbeddedTrainingSet()
    {
        using var stream = TextResources.Open("training.csv");
        return ReadCsv(stream);
    }
}
