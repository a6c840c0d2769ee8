using Consumer.Api;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddAuthorization();

var app = builder.Build();
app.MapControllers();
app.MapNotes();
app.MapOwnedNotes();
app.Run();
