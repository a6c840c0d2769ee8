using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gatekeeper.Analyzers.Web;
using Gatekeeper.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Gatekeeper.Tests.Web;

/// <summary>
/// GK1002 reads which members FluentValidation rules limit without binding the validators' constructors where
/// names settle it (<see cref="FluentValidationLimits"/>): the validated type from <c>AbstractValidator&lt;T&gt;</c>,
/// the member from the rule's lambda. Both ways must find the same members, on validators written the ways real
/// projects write them, including the shapes left to binding (child rules, a project's own <c>RuleFor</c>).
/// </summary>
public class FluentValidationLimitsTests
{
    private const string Validators = /* lang=c#-test */ """
        using System.Collections.Generic;
        using FluentValidation;

        namespace Shop.Api.Contracts;

        public class Address
        {
            public string Street { get; set; } = "";
            public string City { get; set; } = "";
            public string Zip = "";
        }

        public class OrderBase
        {
            public string Channel { get; set; } = "";
        }

        public class CreateOrder : OrderBase
        {
            public string Customer { get; set; } = "";
            public string Code { get; set; } = "";
            public string Comment { get; set; } = "";
            public List<string> Tags { get; set; } = new();
            public List<OrderLine> Lines { get; set; } = new();
            public Address Shipping { get; set; } = new();
        }

        public class OrderLine
        {
            public string Sku { get; set; } = "";
        }

        public class CreateOrderValidator : AbstractValidator<CreateOrder>
        {
            public CreateOrderValidator()
            {
                RuleFor(x => x.Customer).NotEmpty().MaximumLength(200);
                this.RuleFor(order => order.Code).Length(3, 12);
                RuleFor(x => x.Comment).NotEmpty();
                RuleFor(x => x.Channel).MaximumLength(20);
                RuleFor((x) => x.Shipping.Street).MaximumLength(100);
                RuleFor(x => x.Shipping.Zip).MaximumLength(10);
                RuleForEach(x => x.Tags).MaximumLength(30);
                RuleForEach(x => x.Lines).ChildRules(line => line.RuleFor(l => l.Sku).MaximumLength(40));
                When(x => x.Customer.Length > 0, () => RuleFor(x => x.Shipping.City).MaximumLength(80));
            }
        }

        public abstract class AuditedValidator<T> : AbstractValidator<T>
        {
        }

        public class AddressValidator : AuditedValidator<Address>
        {
            public AddressValidator()
            {
                RuleFor(a => a.City).Matches("^[A-Za-z ]{1,50}$");
            }
        }
        """;

    [Fact]
    public void Reading_and_binding_find_the_same_limited_members()
    {
        var harness = EndpointModelHarness.CompileWithPackages([ReferenceSet.FluentValidation], Validators);
        var read = Limited(harness, FluentValidationLimits.Compute(harness.Model.SyntaxIndex, harness.Model.Models, harness.Compilation, CancellationToken.None));
        var bound = Limited(harness, FluentValidationLimits.Compute(harness.Model.SyntaxIndex, harness.Model.Models, harness.Compilation, CancellationToken.None, bindEveryRule: true));

        Assert.Equal(bound, read);
        // Customer, Code (this.RuleFor), Channel (a base class's), Street (nested), City (under When, and through a generic
        // base validator), Sku (child rules: bound). Not Comment (no limit), not Tags (RuleForEach), not Zip (a field).
        Assert.Equal(["Street", "City", "Channel", "Customer", "Code", "Sku"], read);
    }

    [Fact]
    public void A_project_that_declares_its_own_RuleFor_has_its_rules_bound()
    {
        const string OwnRuleFor = /* lang=c#-test */ """
            namespace Shop.Api.Contracts;

            public static class RuleBuilderShim
            {
                public static void RuleFor(this object validator, string member) { }
            }
            """;
        var harness = EndpointModelHarness.CompileWithPackages([ReferenceSet.FluentValidation], Validators, OwnRuleFor);
        var read = Limited(harness, FluentValidationLimits.Compute(harness.Model.SyntaxIndex, harness.Model.Models, harness.Compilation, CancellationToken.None));
        Assert.Equal(["Street", "City", "Channel", "Customer", "Code", "Sku"], read);
    }

    /// <summary>The names of the properties the limits cover, in source order.</summary>
    private static List<string> Limited(EndpointModelHarness harness, FluentValidationLimits limits) =>
        harness.Compilation.SyntaxTrees
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<PropertyDeclarationSyntax>())
            .Where(property => limits.IsLimited(DeclarationKey.Of(property)))
            .Select(property => property.Identifier.ValueText)
            .ToList();
}
