using Hangar.Core.Storage;

namespace Hangar.Store.Lists;

/// <summary>What each list query's fields mean in terms of columns, written once for every store.</summary>
internal static class ListFilters
{
    public static void Apply(IListFilter list, JobQuery query)
    {
        if (query.Statuses.Count > 0)
        {
            list.WhereIn("status", [.. query.Statuses.Select(s => (int)s)]);
        }

        if (query.Pool is not null)
        {
            list.WhereEqual("pool", query.Pool);
        }

        if (query.Id is { } id)
        {
            list.WhereEqual("id", id);
        }

        switch (query.Routing)
        {
            case JobRouting.Unrouted:
                list.Where("pool IS NULL AND unroutable_reason IS NULL");
                break;
            case JobRouting.Routed:
                list.Where("pool IS NOT NULL");
                break;
            case JobRouting.Unroutable:
                list.Where("unroutable_reason IS NOT NULL");
                break;
        }

        if (query.RoutedOutside is { } outside)
        {
            list.Where("pool IS NOT NULL");
            list.WhereNotIn("pool", outside);
        }

        if (query.UpdatedSince is { } since)
        {
            list.WhereAtOrAfter("updated_at", since);
        }

        if (query.RunnerNames is { } runnerNames)
        {
            list.WhereIn("runner_name", runnerNames);
        }
    }

    public static void Apply(IListFilter list, InstanceQuery query)
    {
        if (query.States.Count > 0)
        {
            // The state's name, as stored: reordering the enum cannot change what a stored row means.
            list.WhereIn("state", [.. query.States.Select(s => s.ToString())]);
        }

        if (query.Pool is not null)
        {
            list.WhereEqual("pool", query.Pool);
        }

        if (query.Provider is not null)
        {
            list.WhereEqual("provider", query.Provider);
        }

        if (query.WithErrorOnly)
        {
            list.Where("last_error IS NOT NULL");
        }
    }
}
