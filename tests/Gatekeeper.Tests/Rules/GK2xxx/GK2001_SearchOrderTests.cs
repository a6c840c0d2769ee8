using System.Threading.Tasks;
using Gatekeeper.Tests.Verifiers;
using Xunit;
using VerifyGK2001 = Gatekeeper.Tests.Verifiers.AnalyzerVerifier<Gatekeeper.Analyzers.Rules.TestHasNoAssertionAnalyzer>;

namespace Gatekeeper.Tests.Rules.GK2xxx;

/// <summary>
/// GK2001 looks for an assertion statement by statement from the end of a body (most tests assert last), not
/// in one walk over the whole body. The order of the questions must not change an answer: an assertion or a
/// throw before statements that assert nothing, one nested in a block, a cannot-fail assertion after a real
/// one, and a local function that never runs are judged as by a walk over the whole body.
/// </summary>
public class GK2001_SearchOrderTests
{
    [Fact]
    public Task Where_in_the_body_the_assertion_stands_does_not_change_the_verdict() =>
        VerifyGK2001.Test(/* lang=c#-test */ """
            using System;
            using System.Collections.Generic;
            using Xunit;

            public class Tests
            {
                private readonly List<int> _items = new();

                [Fact]
                public void Asserts_first_then_cleans_up()
                {
                    _items.Add(1);
                    Assert.Single(_items);
                    _items.Clear();
                    _items.TrimExcess();
                }

                [Fact]
                public void Asserts_inside_a_loop_at_the_start()
                {
                    foreach (var item in new[] { 1, 2 })
                    {
                        using (var scope = new Scope())
                        {
                            Assert.True(item > 0);
                        }
                    }

                    _items.Clear();
                }

                [Fact]
                public void Throws_first_and_ends_with_a_check_that_cannot_fail()
                {
                    if (_items.Count > 0)
                    {
                        throw new InvalidOperationException("not empty");
                    }

                    Assert.True(true);
                }

                [Fact]
                public void Asserts_for_real_before_a_check_that_cannot_fail()
                {
                    _items.Add(2);
                    Assert.Contains(2, _items);
                    Assert.True(true);
                }

                [Fact]
                public void [|Declares_an_asserting_local_function_last_and_never_calls_it|]()
                {
                    _items.Add(3);
                    _items.Clear();

                    void Check() => Assert.Empty(_items);
                }

                [Fact]
                public void Calls_a_local_function_declared_after_its_last_statement()
                {
                    _items.Clear();
                    Check();
                    _items.TrimExcess();

                    void Check() => Assert.Empty(_items);
                }

                private sealed class Scope : IDisposable
                {
                    public void Dispose() { }
                }
            }
            """)
            .WithReferences(ReferenceSet.XunitV2)
            .RunAsync();
}
