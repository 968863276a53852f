namespace QualityWatch.Core.Certification.Verification.Checks;

/// <summary>One verification rule. A check that does not apply adds nothing; one that applies adds exactly one result.</summary>
public interface IVerificationCheck
{
    string Id { get; }

    void Run(VerificationContext c);
}
