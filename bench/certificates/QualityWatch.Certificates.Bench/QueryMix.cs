using QualityWatch.Core.Certification;
using QualityWatch.Core.Certification.Verification;

/// <summary>
/// The query mix an officer's batch might hold: mostly genuine claims, plus each fraud pattern (other holder,
/// forged number, product out of scope, CE 1282, CCC on a mask, NIOSH on a KN95) and pasted free text.
/// </summary>
internal static class QueryMix
{
    public static VerificationRequest[] Build(SyntheticRegistry data, int count, int seed)
    {
        var rng = new Random(seed);
        var certs = data.Certificates;
        var batch = new VerificationRequest[count];
        for (var i = 0; i < count; i++)
        {
            var c = certs[rng.Next(certs.Length)];
            var roll = rng.Next(100);
            batch[i] = roll switch
            {
                < 55 => new() { Number = c.Number, ClaimedScheme = c.Scheme, ClaimedProduct = c.ProductCategory, Model = c.Models[0], ClaimedHolderCreditCode = c.HolderCreditCode, ClaimedHolderName = c.HolderName },
                < 65 => new() { Number = c.Number, ClaimedHolderCreditCode = data.HolderCodes[rng.Next(data.HolderCodes.Length)] },
                < 75 => new() { Number = Forge(c.Number, rng), ClaimedProduct = "医用外科口罩", ClaimedHolderCreditCode = c.HolderCreditCode },
                < 80 => new() { Number = c.Number, ClaimedProduct = "儿童口罩" },
                < 88 => new() { FreeText = $"海关查验：{c.Number} 医用外科口罩 型号 {c.Models[0]}" },
                < 92 => new() { FreeText = $"KN95 口罩 CE {(rng.Next(2) == 0 ? "1282" : data.NotifiedBodies[rng.Next(data.NotifiedBodies.Length)])} EN149:2001", ClaimedProduct = "KN95" },
                < 96 => new() { Number = $"2020010909{rng.Next(1000000):000000}", ClaimedScheme = CertificateScheme.Ccc, ClaimedProduct = "口罩" },
                _ => new() { FreeText = $"NIOSH TC-84A-{rng.Next(10000):0000} KN95", Markings = "NIOSH KN95 耳挂" },
            };
        }
        return batch;
    }

    /// <summary>Changes the last digit: same format, almost never in the registry.</summary>
    private static string Forge(string number, Random rng)
    {
        var last = number.Length - 1;
        return char.IsAsciiDigit(number[last]) ? number[..last] + (char)('0' + (number[last] - '0' + 1 + rng.Next(8)) % 10) : number + "9";
    }
}
