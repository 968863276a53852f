namespace QualityWatch.Core.Credit;

/// <summary>
/// What a workflow step answers: the listing, or why the step was refused. <see cref="Conflict"/> marks a refusal caused by
/// the listing's state or dates (the API answers 409) rather than by the request's fields (400).
/// </summary>
public sealed record ListingOutcome(DishonestyListing? Listing, Dictionary<string, string[]> Errors, bool NotFound = false, bool Conflict = false)
{
    public static ListingOutcome Missing => new(null, [], NotFound: true);

    public static ListingOutcome Done(DishonestyListing listing) => new(listing, []);

    public static ListingOutcome Invalid(Dictionary<string, string[]> errors) => new(null, errors);

    public static ListingOutcome Invalid(string field, string message) => new(null, new() { [field] = [message] });

    public static ListingOutcome Refused(string field, string message) => new(null, new() { [field] = [message] }, Conflict: true);

    public bool Succeeded => Listing is not null && Errors.Count == 0;
}
