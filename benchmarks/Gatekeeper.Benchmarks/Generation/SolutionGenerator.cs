using System;
using System.Collections.Generic;
using System.Globalization;

namespace Gatekeeper.Benchmarks.Generation;

/// <summary>
/// Generates a realistic ASP.NET Core API solution: an API project (controllers and Minimal API
/// endpoints, DTOs, validators, EF Core entities, repositories and a DbContext, services) and its
/// test project (xUnit, NUnit and MSTest classes with Moq, NSubstitute and FakeItEasy mocks, framework
/// asserts and FluentAssertions, builders, base test classes, a few tests that assert nothing, and one
/// ~2,000-line test file). Deterministic: the same seed and size give the same text.
/// </summary>
internal static class SolutionGenerator
{
    /// <summary>Resources per size unit: 1× comes to about 50,000 lines (about 40% API, 60% tests).</summary>
    public const double ResourcesPerUnit = 48;

    public const string ApiNamespace = "Shop.Api";
    public const string TestNamespace = "Shop.Api.Tests";

    // Nouns that clash with no type the implicit usings bring in (Task, Route, Timer, Index, Path …).
    private static readonly string[] Nouns =
    [
        "Order", "Customer", "Product", "Invoice", "Payment", "Shipment", "Warehouse", "Supplier",
        "Category", "Review", "Coupon", "Cart", "Address", "Employee", "Department", "Project",
        "Ticket", "Comment", "Attachment", "Notification", "Subscription", "Plan", "Tenant", "Team",
        "Membership", "Report", "Appointment", "Booking", "Room", "Vehicle", "Driver", "Delivery",
        "Refund", "Discount", "Campaign", "Lead", "Contact", "Account", "Ledger", "Budget",
        "Expense", "Asset", "License", "Device", "Sensor", "Alert", "Incident", "Article",
        "Author", "Label", "Course", "Lesson", "Enrollment", "Survey", "Document", "Folder",
        "Invitation", "Voucher", "Store", "Menu", "Recipe", "Ingredient", "Playlist", "Album",
    ];

    public static GeneratedSolution Generate(double size, int seed)
    {
        var random = new Random(seed);
        var count = Math.Max(2, (int)Math.Round(size * ResourcesPerUnit, MidpointRounding.AwayFromZero));
        var resources = new List<ResourceSpec>(count);
        for (var i = 0; i < count; i++)
        {
            var noun = Nouns[i % Nouns.Length];
            var name = i < Nouns.Length ? noun : noun + (i / Nouns.Length + 1).ToString(CultureInfo.InvariantCulture);
            resources.Add(new ResourceSpec(
                Index: i,
                Name: name,
                Plural: Plural(noun) + (i < Nouns.Length ? "" : (i / Nouns.Length + 1).ToString(CultureInfo.InvariantCulture)),
                ParentName: i == 0 ? null : resources[random.Next(i)].Name,
                // Resource 0 backs the large test file; keep it a controller with xUnit, Moq and both assert styles.
                Style: i == 0 ? EndpointStyle.Controller : Pick(random, (60, EndpointStyle.Controller), (40, EndpointStyle.MinimalApi)),
                Framework: i == 0 ? TestFramework.Xunit : Pick(random, (50, TestFramework.Xunit), (30, TestFramework.NUnit), (20, TestFramework.MSTest)),
                Mocks: i == 0 ? MockLibrary.Moq : Pick(random, (50, MockLibrary.Moq), (30, MockLibrary.NSubstitute), (20, MockLibrary.FakeItEasy)),
                Assertions: Pick(random, (50, AssertionStyle.Framework), (50, AssertionStyle.FluentAssertions)),
                ExtraProperties: random.Next(2, 9),
                AdminOnlyDelete: random.Next(3) == 0));
        }

        var api = new ApiGenerator(resources).Generate();
        var tests = new TestGenerator(resources, new Random(seed ^ 0x5EED)).Generate(out var largeFile);
        return new GeneratedSolution(size, count, api, tests, largeFile);
    }

    private static string Plural(string noun) =>
        noun.EndsWith("y", StringComparison.Ordinal) && !"aeiou".Contains(noun[^2], StringComparison.Ordinal) ? noun[..^1] + "ies"
        : noun.EndsWith("s", StringComparison.Ordinal) || noun.EndsWith("x", StringComparison.Ordinal) || noun.EndsWith("ch", StringComparison.Ordinal) ? noun + "es"
        : noun + "s";

    private static T Pick<T>(Random random, params (int Weight, T Value)[] choices)
    {
        var total = 0;
        foreach (var choice in choices)
        {
            total += choice.Weight;
        }

        var roll = random.Next(total);
        foreach (var choice in choices)
        {
            roll -= choice.Weight;
            if (roll < 0)
            {
                return choice.Value;
            }
        }

        return choices[^1].Value;
    }
}
