using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Notes.Api.Auth;
using Notes.Api.Data;
using Notes.Api.Endpoints;
using Notes.Api.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDbContext<NotesDbContext>(options => options.UseInMemoryDatabase("notes"));
builder.Services.AddScoped<INoteService, NoteService>();
builder.Services.AddSingleton<INoteEvents, LoggingNoteEvents>();
builder.Services.AddSingleton(TimeProvider.System);

builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, configureOptions: null);
builder.Services.AddAuthorization();
builder.Services.AddControllers();
builder.Services.AddProblemDetails();

// Validates Minimal API parameters and bodies ([StringLength] on the request records).
builder.Services.AddValidation();

var app = builder.Build();

app.UseExceptionHandler();
app.UseAuthentication();
app.UseAuthorization();

app.MapControllers();
app.MapNoteEndpoints();
app.MapCommentEndpoints();
app.MapOwnedNoteEndpoints();

app.Run();

// Lets the tests start the API in memory with WebApplicationFactory<Program>.
public partial class Program;
