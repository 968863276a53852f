namespace QualityWatch.Core.Risk.Text;

/// <summary>
/// Multinomial logistic regression with L2 over sparse binary features, fitted by plain SGD in a fixed,
/// seeded order so the same training file always gives the same weights. Written here rather than taken
/// from ML.NET: prediction is a few hundred multiply-adds (under 2 µs), it is thread-safe without engine
/// pools, and fitting ~1,000 texts takes well under a second, so the weights need not be committed.
/// </summary>
public sealed class SoftmaxModel
{
    private readonly float[] _weights; // [feature * classes + class]
    private readonly float[] _bias;

    private SoftmaxModel(int classes, int features, float[] weights, float[] bias)
    {
        ClassCount = classes;
        FeatureCount = features;
        _weights = weights;
        _bias = bias;
    }

    public int ClassCount { get; }

    public int FeatureCount { get; }

    public static SoftmaxModel Train(IReadOnlyList<int[]> samples, IReadOnlyList<int> labels, int classes, int features, int epochs = 30, double l2 = 1e-4, double rate = 0.5, int seed = 20201)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        var w = new float[features * classes];
        var b = new float[classes];
        var model = new SoftmaxModel(classes, features, w, b);
        var order = Enumerable.Range(0, samples.Count).ToArray();
        var random = new Random(seed);
        var p = new double[classes];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            var eta = rate / (1 + epoch * 0.2);
            // Lazy L2: decaying every weight each step would cost features × classes per sample.
            var decay = (float)(1 - eta * l2);
            for (var i = 0; i < w.Length; i++)
                w[i] *= MathF.Pow(decay, samples.Count);
            foreach (var s in order)
            {
                var x = samples[s];
                model.Probabilities(x, p);
                var scale = (float)(eta / Math.Sqrt(Math.Max(1, x.Length)));
                for (var c = 0; c < classes; c++)
                {
                    var g = (float)((c == labels[s] ? 1 : 0) - p[c]);
                    b[c] += (float)eta * g * 0.1f;
                    foreach (var f in x)
                        w[f * classes + c] += scale * g;
                }
            }
        }
        return model;
    }

    /// <summary>Class probabilities for one sample's feature ids (duplicates count once each time they appear).</summary>
    public void Probabilities(ReadOnlySpan<int> features, Span<double> probabilities)
    {
        var norm = 1 / Math.Sqrt(Math.Max(1, features.Length));
        for (var c = 0; c < ClassCount; c++)
            probabilities[c] = _bias[c];
        foreach (var f in features)
        {
            var row = _weights.AsSpan(f * ClassCount, ClassCount);
            for (var c = 0; c < ClassCount; c++)
                probabilities[c] += row[c] * norm;
        }
        var max = double.NegativeInfinity;
        for (var c = 0; c < ClassCount; c++)
            max = Math.Max(max, probabilities[c]);
        var sum = 0.0;
        for (var c = 0; c < ClassCount; c++)
        {
            probabilities[c] = Math.Exp(probabilities[c] - max);
            sum += probabilities[c];
        }
        for (var c = 0; c < ClassCount; c++)
            probabilities[c] /= sum;
    }
}
